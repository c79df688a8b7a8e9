/** Thrown by readCapped; the client turns it into ResponseTooLarge. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
  constructor(readonly limitBytes: number) {
    super(`response body larger than ${limitBytes} bytes`);
  }
}

/**
 * Reads a response body as UTF-8 text, stopping (and cancelling the stream) as soon as it passes
 * `limitBytes`, so a runaway or hostile answer never fills the function's memory.
 */
export async function readCapped(response: Response, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(limitBytes);
  }
  if (!response.body) return '';
  // With a declared length within the cap, the HTTP parser reads no more than that, so the body is
  // read in one native call instead of a JS loop over chunks: the common case, and much cheaper for
  // multi-megabyte answers. The size is still checked, for a Response not built by the network.
  if (Number.isFinite(declared)) {
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength > limitBytes) throw new BodyTooLarge(limitBytes);
    return new TextDecoder('utf-8').decode(bytes);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(limitBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** True when a body meant to be JSON is an HTML page (login form, proxy error page). */
export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType && /text\/html|application\/xhtml/i.test(contentType)) return true;
  return /^\s*</.test(text);
}
