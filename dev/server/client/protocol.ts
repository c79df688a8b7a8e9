/**
 * The messages between a Custom UI iframe (iframe-bridge.ts) and the host page (host.ts).
 * Both sides check every message they receive: a page can post anything to a window.
 */
export const CALL = 'forge-emulator:call';
export const RESULT = 'forge-emulator:result';
export const RESIZE = 'forge-emulator:resize';
export const CSP_VIOLATION = 'forge-emulator:csp-violation';
export const FLAG_ACTION = 'forge-emulator:flag-action';

export interface CallMessage {
  readonly type: typeof CALL;
  readonly id: number;
  readonly name: string;
  readonly payload: unknown;
}

export interface ResultMessage {
  readonly type: typeof RESULT;
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

export interface ResizeMessage {
  readonly type: typeof RESIZE;
  readonly height: number;
}

export interface CspViolationMessage {
  readonly type: typeof CSP_VIOLATION;
  readonly directive: string;
  readonly blocked: string;
}

export interface FlagActionMessage {
  readonly type: typeof FLAG_ACTION;
  readonly flagId: string;
  readonly index: number;
}

/** What the host answers `enableTheming` with: the attributes Forge sets on the iframe's <html>. */
export interface ThemingResult {
  readonly htmlAttributes: Record<string, string>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isCall(data: unknown): data is CallMessage {
  return isRecord(data) && data['type'] === CALL && typeof data['id'] === 'number' && typeof data['name'] === 'string';
}

export function isResult(data: unknown): data is ResultMessage {
  return isRecord(data) && data['type'] === RESULT && typeof data['id'] === 'number' && typeof data['ok'] === 'boolean';
}

export function isResize(data: unknown): data is ResizeMessage {
  return isRecord(data) && data['type'] === RESIZE && typeof data['height'] === 'number' && Number.isFinite(data['height']);
}

export function isCspViolation(data: unknown): data is CspViolationMessage {
  return isRecord(data) && data['type'] === CSP_VIOLATION && typeof data['directive'] === 'string' && typeof data['blocked'] === 'string';
}

export function isFlagAction(data: unknown): data is FlagActionMessage {
  return isRecord(data) && data['type'] === FLAG_ACTION && typeof data['flagId'] === 'string' && typeof data['index'] === 'number';
}

export function isThemingResult(value: unknown): value is ThemingResult {
  return isRecord(value) && isRecord(value['htmlAttributes']);
}
