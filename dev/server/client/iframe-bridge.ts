/**
 * Runs first in every Custom UI iframe the emulator serves: defines `window.__bridge.callBridge`,
 * which the real `@forge/bridge` calls, and forwards each call to the host page by postMessage,
 * as Forge's own iframe loader does. The host owns the context, flags, modals and navigation.
 */
import {
  CALL,
  CSP_VIOLATION,
  RESIZE,
  isFlagAction,
  isRecord,
  isResult,
  isThemingResult,
  type CallMessage,
  type CspViolationMessage,
  type ResizeMessage,
} from './protocol';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly name: string;
}

/**
 * The host page's origin. The iframe is served from another origin, as on Forge, so messages are
 * only sent to, and accepted from, the page that embeds it.
 */
function hostOrigin(): string {
  const ancestor = window.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  return document.referrer ? new URL(document.referrer).origin : window.location.origin;
}
const HOST_ORIGIN = hostOrigin();

const pending = new Map<number, Pending>();
const flagActions = new Map<string, Array<() => void>>();
let nextId = 1;

function post(message: CallMessage | ResizeMessage | CspViolationMessage): void {
  window.parent.postMessage(message, HOST_ORIGIN);
}

/** Functions cannot cross postMessage: flag actions keep theirs here and the host reports clicks. */
function prepare(name: string, payload: unknown): unknown {
  if (name === 'showFlag' && isRecord(payload) && Array.isArray(payload['actions'])) {
    const id = String(payload['id']);
    const actions: unknown[] = payload['actions'];
    flagActions.set(
      id,
      actions.map((action) => {
        const onClick = isRecord(action) ? action['onClick'] : undefined;
        return typeof onClick === 'function' ? () => void onClick() : () => undefined;
      }),
    );
    return { ...payload, id, actions: actions.map((action) => ({ text: isRecord(action) ? String(action['text']) : '' })) };
  }
  if (name === 'showFlag' && isRecord(payload)) return { ...payload, id: String(payload['id']) };
  return payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
}

function callBridge(name: string, payload?: unknown): Promise<unknown> {
  if ((name === 'on' || name === 'onPublic') && isRecord(payload)) {
    return Promise.reject(new Error(`The local Forge emulator does not deliver bridge events ("${name}") yet.`));
  }
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, name });
    post({ type: CALL, id, name, payload: prepare(name, payload) });
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== window.parent || event.origin !== HOST_ORIGIN) return;
  const data = event.data;
  if (isResult(data)) {
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (!data.ok) return call.reject(new Error(data.error ?? `${call.name} failed`));
    if (call.name === 'enableTheming' && isThemingResult(data.value)) {
      for (const [name, value] of Object.entries(data.value.htmlAttributes)) document.documentElement.setAttribute(name, value);
      return call.resolve(undefined);
    }
    return call.resolve(data.value);
  }
  if (isFlagAction(data)) flagActions.get(data.flagId)?.[data.index]?.();
});

Object.defineProperty(window, '__bridge', { value: Object.freeze({ callBridge }), writable: false });

// Jira sizes an issue panel's iframe to its content; the host does the same with these reports.
// Atlaskit's CSS reset makes <html> and <body> as tall as the iframe, so the content is measured.
let lastHeight = 0;
function reportHeight(): void {
  let bottom = 0;
  for (const child of Array.from(document.body.children)) {
    const marginBottom = parseFloat(getComputedStyle(child).marginBottom) || 0;
    bottom = Math.max(bottom, child.getBoundingClientRect().bottom + marginBottom + window.scrollY);
  }
  const height = Math.ceil(bottom);
  if (height !== lastHeight) {
    lastHeight = height;
    post({ type: RESIZE, height });
  }
}
const sizes = new ResizeObserver(reportHeight);
function observeBody(): void {
  for (const child of Array.from(document.body.children)) sizes.observe(child);
  reportHeight();
}
document.addEventListener('DOMContentLoaded', () => {
  observeBody();
  new MutationObserver(observeBody).observe(document.body, { childList: true });
});

// Forge enforces a CSP on Custom UI; the host shows each violation so it is fixed before deploying.
document.addEventListener('securitypolicyviolation', (event) => {
  post({ type: CSP_VIOLATION, directive: event.violatedDirective, blocked: event.blockedURI || event.sample || 'inline' });
});
