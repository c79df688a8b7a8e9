import { html } from '../html';
import type { PageContext, RenderedPage } from './context';
import { page } from './layout';

export function notFoundPage(context: PageContext, heading: string, detail: string): RenderedPage {
  const main = html`<div class="empty" data-testid="not-found">
    <h1>${heading}</h1>
    <p>${detail}</p>
    <p><a href="/">Back to your work</a></p>
  </div>`;
  const { platform, session, url } = context;
  return { status: 404, html: page({ title: heading, session, site: platform.site, path: url.pathname, main }) };
}
