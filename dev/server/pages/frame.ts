import { html, type SafeHtml } from '../html';
import type { UiModuleInfo } from '../modules';

/**
 * One Custom UI iframe. The frame token stays with the host page: the iframe only talks to the host
 * by postMessage, and the host adds the token when it calls the server, so the module's context is
 * what this page was rendered for.
 */
export function moduleFrame(module: UiModuleInfo, token: string, variant: 'panel' | 'page', origin: string): SafeHtml {
  return html`<iframe
    class="forge-frame forge-frame-${variant}"
    data-forge-frame
    data-frame-token="${token}"
    data-module-key="${module.key}"
    title="${module.title} (Deploy Tracker app)"
    src="${origin}/resources/${encodeURIComponent(module.key)}/index.html"
  ></iframe>`;
}

/** The banner on pages Jira would not show the signed-in user, shown so the app's own checks can be tried. */
export function accessNotice(text: string): SafeHtml {
  return html`<div class="notice" role="note" data-testid="access-notice">${text}</div>`;
}
