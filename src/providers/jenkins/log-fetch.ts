import type { FetchFn } from '../http/types';
import type { LogChunk } from './wire';

/**
 * Console logs through the shared HTTP layer. HttpClient speaks JSON over GET, which gives every
 * request the same timeouts, deadline, budget, retries and typed errors; a log is plain text whose
 * size comes from a HEAD. Rather than a second HTTP stack, this adapter sits between HttpClient
 * and fetch: it makes the request a log needs and hands HttpClient a small JSON document about it.
 * Error answers and HTML pages (a login page) pass through untouched, so they fail exactly as any
 * other Jenkins request does.
 *
 * `progressiveText?start=N` sends everything from byte N to the end (it has no end offset), so
 * the caller picks N from the size learnt first; `maxBytes` is a second guard for a log that
 * grows while it is read (a running build): reading stops there and the stream is cancelled.
 */
export type LogRequest = { readonly method: 'HEAD' } | { readonly method: 'GET'; readonly maxBytes: number };

export function logFetch(fetch: FetchFn, request: LogRequest): FetchFn {
  return async (url, init) => {
    const response = await fetch(url, { ...init, method: request.method });
    if (!response.ok || /html/i.test(response.headers.get('content-type') ?? '')) return response;
    const { text, bytes, cut } = request.method === 'HEAD' ? { text: '', bytes: 0, cut: false } : await readUpTo(response, request.maxBytes);
    const chunk: LogChunk = {
      text,
      bytes,
      cut,
      textSize: sizeHeader(response.headers.get('x-text-size')),
      moreData: response.headers.get('x-more-data') === 'true',
    };
    return new Response(JSON.stringify(chunk), { status: response.status, statusText: response.statusText, headers: jsonHeaders(response.headers) });
  };
}

function sizeHeader(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/** The original headers (rate limits, X-Jenkins) minus the ones that described the text body. */
function jsonHeaders(original: Headers): Headers {
  const headers = new Headers();
  original.forEach((value, name) => {
    if (!/^(content-(length|type|encoding)|transfer-encoding)$/i.test(name)) headers.set(name, value);
  });
  headers.set('content-type', 'application/json');
  return headers;
}

async function readUpTo(response: Response, maxBytes: number): Promise<{ text: string; bytes: number; cut: boolean }> {
  if (!response.body) return { text: '', bytes: 0, cut: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), bytes, cut: false };
    if (bytes + value.byteLength > maxBytes) {
      const part = value.subarray(0, maxBytes - bytes);
      bytes += part.byteLength;
      text += decoder.decode(part, { stream: true });
      await reader.cancel().catch(() => undefined);
      return { text: text + decoder.decode(), bytes, cut: true };
    }
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
}
