/**
 * A refusal the emulated KVS answers with `{code, message}` and an HTTP status, so that the real
 * `@forge/kvs` throws `ForgeKvsAPIError` with the same `code` as on Forge (KEY_NOT_FOUND makes
 * `get()` return undefined). Codes Forge documents are used as documented; the few it does not
 * document are listed in the fidelity note at the top of kvs-service.ts.
 */
export class KvsError extends Error {
  override readonly name = 'KvsError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function badRequest(message: string): KvsError {
  return new KvsError(400, 'BAD_REQUEST', message);
}

export function invalid(code: string, message: string): KvsError {
  return new KvsError(400, code, message);
}

export function keyNotFound(key: string): KvsError {
  return new KvsError(404, 'KEY_NOT_FOUND', `Provided key "${key}" does not exist`);
}

/**
 * How the emulator answers a refused conditional write: a FAIL_IF_EXISTS set on a live key, or a
 * transaction whose conditions are not met. Forge's error table
 * (https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs) lists no code
 * for either, so the app must not match on one: it is configurable, and tests run the app's
 * conditional writes under several answers (src/storage/conditional-write.ts).
 */
export interface ConflictAnswer {
  readonly status: number;
  readonly code: string;
}

export const DEFAULT_CONFLICT: ConflictAnswer = { status: 409, code: 'CONDITIONAL_CHECK_FAILED' };

export function conditionRefused(answer: ConflictAnswer, message: string): KvsError {
  return new KvsError(answer.status, answer.code, message);
}
