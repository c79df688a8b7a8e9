/**
 * The host page's half of the bridge: it answers the calls each Custom UI iframe posts, adding the
 * frame token the server minted for that iframe. Loaded without `defer` in <head>, so the message
 * listener exists before any iframe can post.
 */
import { askEgressConsent } from './egress-modal';
import { Flags } from './flags';
import { navigate, urlOf } from './navigation';
import {
  FLAG_ACTION,
  RESULT,
  isCall,
  isCspViolation,
  isRecord,
  isResize,
  type CallMessage,
  type CspViolationMessage,
  type FlagActionMessage,
  type ResultMessage,
} from './protocol';

interface Frame {
  readonly iframe: HTMLIFrameElement;
  readonly token: string;
  readonly window: Window;
  /** The iframe's own origin, which differs from the page's as on Forge (see dev/server/frame-origin.ts). */
  readonly origin: string;
}

const flags = new Flags(() => document.getElementById('flags'));

function frameOf(source: MessageEventSource | null): Frame | undefined {
  for (const iframe of document.querySelectorAll<HTMLIFrameElement>('iframe[data-forge-frame]')) {
    const win = iframe.contentWindow;
    if (win && win === source) {
      return { iframe, token: iframe.dataset['frameToken'] ?? '', window: win, origin: new URL(iframe.src, window.location.href).origin };
    }
  }
  return undefined;
}

function reply(frame: Frame, message: ResultMessage | FlagActionMessage): void {
  frame.window.postMessage(message, frame.origin);
}

/** Calls the emulator's bridge endpoint for this frame; a refused call becomes a rejected promise. */
async function server(frame: Frame, operation: string, body: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`/_host/bridge/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, token: frame.token }),
  });
  const result: unknown = await response.json().catch(() => undefined);
  if (!isRecord(result)) throw new Error(`The local emulator answered ${response.status} without a result`);
  if (result['ok'] !== true) throw new Error(typeof result['error'] === 'string' ? result['error'] : 'The bridge call failed');
  return result['value'];
}

function isJiraAdmin(): boolean {
  return document.body.dataset['jiraAdmin'] === 'true';
}

async function answer(frame: Frame, call: CallMessage): Promise<unknown> {
  const payload = isRecord(call.payload) ? call.payload : {};
  switch (call.name) {
    case 'invoke': {
      const value = await server(frame, 'invoke', { functionKey: payload['functionKey'], payload: payload['payload'] });
      // @forge/bridge asks for { body, metadata } when it passes metadata (rate-limit details).
      return payload['metadata'] ? { body: value, metadata: {} } : value;
    }
    case 'getContext':
      return server(frame, 'context', {});
    case 'enableTheming': {
      const root = document.documentElement;
      return { htmlAttributes: { 'data-color-mode': root.dataset['colorMode'] ?? 'light', 'data-theme': root.dataset['theme'] ?? '' } };
    }
    case 'showFlag':
      return flags.show(call.payload, (flagId, index) => reply(frame, { type: FLAG_ACTION, flagId, index }));
    case 'closeFlag':
      return flags.close(call.payload);
    case 'navigate':
      return navigate(call.payload);
    case 'getUrl':
      return urlOf(call.payload);
    case 'reload':
      window.location.reload();
      return undefined;
    case '__permission__egressGet':
      return server(frame, 'egress', { operation: 'get', payload: call.payload });
    case '__permission__egressSet':
      if (!(await askEgressConsent(call.payload, isJiraAdmin()))) throw new Error('The domains were not allowed');
      return server(frame, 'egress', { operation: 'set', payload: call.payload });
    case '__permission__egressDeleteDomain':
      return server(frame, 'egress', { operation: 'deleteDomain', payload: call.payload });
    case '__permission__egressDeleteGroup':
      return server(frame, 'egress', { operation: 'deleteGroup', payload: call.payload });
    case 'emitReadyEvent':
    case 'changeWindowTitle':
    case 'emitFrontendCustomMetric':
    case 'trackObjectStoreAction':
      return undefined;
    case 'isRovoEnabled':
      return false;
    default:
      throw new Error(`The local Forge emulator does not support the bridge call "${call.name}" yet (dev/server/client/host.ts)`);
  }
}

/** Forge blocks what the app's CSP does not allow; the emulator says so above the frame. */
function showCspViolation(frame: Frame, violation: CspViolationMessage): void {
  const text = `Forge's Content Security Policy blocked ${violation.blocked} (${violation.directive}). Declare it under permissions.content or permissions.external in manifest.yml.`;
  console.error(`[forge emulator] ${frame.iframe.dataset['moduleKey'] ?? 'module'}: ${text}`);
  const previous = frame.iframe.previousElementSibling;
  let notice: HTMLElement;
  if (previous instanceof HTMLElement && previous.dataset['cspNotice'] === 'true') {
    notice = previous;
  } else {
    notice = document.createElement('div');
    notice.className = 'notice notice-error';
    notice.setAttribute('role', 'alert');
    notice.dataset['cspNotice'] = 'true';
    frame.iframe.before(notice);
  }
  const line = document.createElement('p');
  line.textContent = text;
  notice.append(line);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const frame = frameOf(event.source);
  if (!frame || event.origin !== frame.origin) return;
  const data = event.data;
  if (isCall(data)) {
    answer(frame, data).then(
      (value) => reply(frame, { type: RESULT, id: data.id, ok: true, value }),
      (error: unknown) => reply(frame, { type: RESULT, id: data.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  } else if (isResize(data)) {
    frame.iframe.style.height = `${Math.max(data.height, 40)}px`;
  } else if (isCspViolation(data)) {
    showCspViolation(frame, data);
  }
});
