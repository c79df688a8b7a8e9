import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from '../emulator/platform';
import type { WebtriggerRequest } from '../emulator/app-invoker';
import { HttpError, readBody, send } from './http';

// Forge rejects larger web trigger requests; the exact cap is not documented, so be generous.
const BODY_LIMIT = 10 * 1024 * 1024;

/** Node's header object as Forge hands it to a web trigger: lower-case names, each with a list of values. */
export function forgeHeaders(req: IncomingMessage): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]?.toLowerCase();
    const value = raw[i + 1];
    if (name === undefined || value === undefined) continue;
    (headers[name] ??= []).push(value);
  }
  return headers;
}

export function forgeQueryParameters(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  return query;
}

/** `/x1/<id>[/more]`: runs the web trigger whose URL this is and writes back what the function returned. */
export async function serveWebtrigger(req: IncomingMessage, res: ServerResponse, platform: Platform, url: URL, id: string): Promise<void> {
  const key = platform.stargate.triggerKeyFor(id);
  if (!key) {
    throw new HttpError(
      404,
      `No web trigger has the URL id "${id}". URLs come from webTrigger.getUrl() and last until the emulator restarts.`,
    );
  }
  const request: WebtriggerRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    headers: forgeHeaders(req),
    queryParameters: forgeQueryParameters(url),
    body: (await readBody(req, BODY_LIMIT)).toString('utf8'),
  };
  let response;
  try {
    response = await platform.app.runWebtrigger(key, request);
  } catch (error) {
    console.warn(`[webtrigger] ${key} failed:`, error);
    // Forge answers a failed web trigger with a bare 500; the details stay in the app's logs.
    send(res, 500, JSON.stringify({ message: 'The web trigger function failed' }), { 'content-type': 'application/json' });
    return;
  }
  res.statusCode = response.statusCode;
  for (const [name, values] of Object.entries(response.headers)) res.setHeader(name, values);
  res.end(response.body);
}
