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
