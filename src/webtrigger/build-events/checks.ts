import { firstDuplicateKey } from '../duplicate-keys';
import { header, queryParameter, Refusal, webtriggerRequestSchema, type WebtriggerRequest } from '../http';

/**
 * The checks every build event web trigger runs before anything is read, in this order: an
 * unsigned, misaddressed or oversized request costs no storage and learns nothing.
 */

/** A Buildkite `build.finished` with its jobs can be large; nothing a CI sends about one build is larger. */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** The URL's opaque id (src/sync/push-store.ts): 16 random bytes in hex. */
const HOOK_ID = /^[0-9a-f]{32}$/;

export function requireShape(event: unknown): WebtriggerRequest {
  const parsed = webtriggerRequestSchema.safeParse(event);
  if (!parsed.success) throw new Refusal(400, 'bad_request', 'The request could not be read.');
  return parsed.data;
}

export function requirePost(request: WebtriggerRequest): void {
  if (request.method.toUpperCase() !== 'POST') {
    throw new Refusal(405, 'method_not_allowed', `Send build events with POST, not ${request.method}.`, { Allow: ['POST'] });
  }
}

export function requireHookId(request: WebtriggerRequest): string {
  const id = queryParameter(request, 'hook');
  if (!id) throw new Refusal(400, 'missing_hook', "Use the whole webhook URL from the connection's Deploy Tracker settings, including ?hook=.");
  if (!HOOK_ID.test(id)) throw new Refusal(400, 'invalid_hook', "The hook in the URL is not one Deploy Tracker issued: copy the URL from the connection's settings again.");
  return id;
}

export function requireJson(request: WebtriggerRequest): void {
  const type = header(request, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new Refusal(415, 'unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${type ? `, not "${type.slice(0, 100)}"` : ''}.`);
  }
}

export function requireSize(request: WebtriggerRequest): void {
  const bytes = Buffer.byteLength(request.body, 'utf8');
  if (bytes > MAX_EVENT_BYTES) {
    throw new Refusal(413, 'payload_too_large', `The body is ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_EVENT_BYTES / 1024} KiB.`);
  }
}

/** Same answer for a wrong secret, a rotated one and a hook that does not exist: only the secret's holder learns more. */
export function badSignature(scheme: string): Refusal {
  return new Refusal(403, 'bad_signature', `The signature does not match: sign exactly the body sent with the connection's current webhook secret (${scheme}). After a rotation, enter the new secret in the CI.`);
}

/** JSON in one spelling: a field named twice in one object is refused, since readers disagree on which copy wins. */
export function parseJson(body: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Refusal(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const duplicate = firstDuplicateKey(body);
  if (duplicate !== undefined) throw new Refusal(400, 'invalid_json', `The body names the field "${duplicate.slice(0, 100)}" twice in one object; send each field once.`);
  return json;
}

export function invalidBody(issues: readonly { path: PropertyKey[]; message: string }[]): Refusal {
  const fields = issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
  return new Refusal(400, 'invalid_body', `The event is not valid: ${fields}.`);
}
