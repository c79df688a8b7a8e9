import { ownIssueKeys } from '../domain/access-rules';
import type { ProjectConfig } from '../domain/project-config';
import { ProjectConfigStore } from '../storage/project-config-store';
import { sendRegisteredDeploy } from '../sync/jira-devops';
import { header, jsonReply, queryParameter, Refusal, refusalReply, webtriggerRequestSchema, type WebtriggerRequest, type WebtriggerResponse } from './http';
import { registerDeploy } from './register';
import { firstDuplicateKey } from './duplicate-keys';
import { registrationSchema, timesInTheFuture, type Registration } from './registration-body';
import { claimSignature, releaseSignature } from './replay-guard';
import { MAX_CLOCK_SKEW_SECONDS, SIGNATURE_HEADER, signatureMatches, signedParts, TIMESTAMP_HEADER, type SignatureProblem, type SignedParts } from './signature';

export type { WebtriggerResponse } from './http';

/** A deploy with 500 commits of long messages fits; anything larger is not a deploy. */
export const MAX_BODY_BYTES = 512 * 1024;
// ASCII only, tested before upper-casing: `toUpperCase` folds `ſ` into `S`, and a key has one spelling.
const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{1,254}$/;

function requireShape(event: unknown): WebtriggerRequest {
  const parsed = webtriggerRequestSchema.safeParse(event);
  if (!parsed.success) throw new Refusal(400, 'bad_request', 'The request could not be read.');
  return parsed.data;
}

function requirePost(request: WebtriggerRequest): void {
  if (request.method.toUpperCase() !== 'POST') {
    throw new Refusal(405, 'method_not_allowed', `Send deploys with POST, not ${request.method}.`, { Allow: ['POST'] });
  }
}

function requireProjectKey(request: WebtriggerRequest): string {
  const key = queryParameter(request, 'project')?.trim();
  if (!key) throw new Refusal(400, 'missing_project', 'Add the Jira project key to the URL: ?project=KEY.');
  if (!PROJECT_KEY.test(key)) throw new Refusal(400, 'invalid_project', `"${key.slice(0, 40)}" is not a Jira project key.`);
  return key.toUpperCase();
}

function requireJson(request: WebtriggerRequest): void {
  const type = header(request, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new Refusal(415, 'unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${type ? `, not "${type}"` : ''}.`);
  }
}

function requireSize(request: WebtriggerRequest): void {
  const bytes = Buffer.byteLength(request.body, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new Refusal(413, 'payload_too_large', `The body is ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_BODY_BYTES / 1024} KiB. Send fewer commits.`);
  }
}

const SIGNATURE_REFUSALS: Record<SignatureProblem['kind'], (problem: SignatureProblem) => Refusal> = {
  'missing-timestamp': () => new Refusal(401, 'missing_timestamp', `Send the time of signing, in Unix seconds, in the ${TIMESTAMP_HEADER} header.`),
  'malformed-timestamp': () =>
    new Refusal(401, 'malformed_timestamp', `The ${TIMESTAMP_HEADER} header must be Unix seconds: digits only, no leading zero, no spaces, at most 10 digits.`),
  'stale-timestamp': (p) =>
    new Refusal(
      401,
      'stale_timestamp',
      `The ${TIMESTAMP_HEADER} header is ${'skewSeconds' in p ? p.skewSeconds : '?'} s away from the current time; at most ${MAX_CLOCK_SKEW_SECONDS} s are accepted. Sign each request when you send it, and check the sender's clock.`,
    ),
  'missing-signature': () => new Refusal(401, 'missing_signature', `Sign the request: ${SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of "<timestamp>.<body>" with the project's secret, in hex>.`),
  'malformed-signature': () => new Refusal(401, 'malformed_signature', `The ${SIGNATURE_HEADER} header must be "sha256=" followed by 64 lower-case hexadecimal characters.`),
  'bad-signature': () =>
    new Refusal(
      403,
      'bad_signature',
      "The signature does not match: sign exactly the body sent, prefixed by the timestamp and a dot, with the project's current secret. Deploy registration works only once a project admin has created a secret in the project's Deploy Tracker settings.",
    ),
};

/** Checks that need no storage: an unsigned or stale request costs no read and learns nothing about the project. */
function requireSignedParts(request: WebtriggerRequest, nowMillis: number): SignedParts {
  const parts = signedParts({
    timestampHeader: header(request, TIMESTAMP_HEADER),
    signatureHeader: header(request, SIGNATURE_HEADER),
    nowSeconds: Math.floor(nowMillis / 1000),
  });
  if ('kind' in parts) throw SIGNATURE_REFUSALS[parts.kind](parts);
  return parts;
}

// Compared against when the project has no secret, so that case takes the same work and gets the same answer as a wrong secret.
const NO_SECRET = 'no secret: deploy registration is not enabled';

/**
 * One read, the project's secret. A project that does not exist, one without a secret and a wrong
 * signature all answer the same 403: only someone holding the secret learns that registration is on.
 */
async function requireSignature(request: WebtriggerRequest, projectKey: string, parts: SignedParts): Promise<void> {
  const secret = await new ProjectConfigStore().deploySecret(projectKey);
  const matches = signatureMatches(secret ?? NO_SECRET, request.body, parts);
  if (!secret || !matches) throw SIGNATURE_REFUSALS['bad-signature']({ kind: 'bad-signature' });
}

/** Read only once the request is signed with the project's secret: its sender may learn what is missing. */
async function requireConfig(projectKey: string): Promise<ProjectConfig> {
  const config = await new ProjectConfigStore().get(projectKey);
  if (!config) {
    throw new Refusal(404, 'not_enabled', `Project ${projectKey} has a signing secret but no Deploy Tracker settings: open the project's Deploy Tracker settings and save them.`);
  }
  return config;
}

function requireBody(request: WebtriggerRequest, nowMillis: number): Registration {
  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    throw new Refusal(400, 'invalid_json', 'The body is not valid JSON.');
  }
  const duplicate = firstDuplicateKey(request.body);
  if (duplicate !== undefined) {
    throw new Refusal(400, 'invalid_json', `The body names the field "${duplicate.slice(0, 100)}" twice in one object; send each field once.`);
  }
  const parsed = registrationSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new Refusal(400, 'invalid_body', `The deploy is not valid: ${fields}.`);
  }
  const future = timesInTheFuture(parsed.data, nowMillis);
  if (future.length > 0) {
    throw new Refusal(400, 'invalid_body', `The deploy is not valid: ${future.map((f) => `${f}: more than a day in the future`).join('; ')}. Send the times the deploy actually ran at.`);
  }
  return parsed.data;
}

/**
 * Deploy registration from any other tool. Checks run in order and the first failure answers,
 * each with its own status and a message saying what to fix; nothing is written before the
 * request is authenticated and valid. A replayed request (same signature) is refused once its
 * first copy was accepted; a request that could not be recorded can be sent again as it was.
 */
export async function deployRegistration(event: unknown): Promise<WebtriggerResponse> {
  const now = () => Date.now();
  try {
    const request = requireShape(event);
    requirePost(request);
    const projectKey = requireProjectKey(request);
    requireJson(request);
    requireSize(request);
    const parts = requireSignedParts(request, now());
    await requireSignature(request, projectKey, parts);
    const config = await requireConfig(projectKey);
    const body = requireBody(request, now());
    const signature = `${projectKey}:${parts.replayKey}`;
    if (!(await claimSignature(signature, now()))) {
      throw new Refusal(409, 'replayed', 'This exact request was received before (same signature). Sign each request anew when you send it.');
    }
    try {
      const { deploy, created } = await registerDeploy(config, body, now());
      // Stored first: Jira's answer never undoes the record (a refusal is logged; nothing is sent for "This app only").
      for (const problem of await sendRegisteredDeploy(deploy, config)) console.warn(`[deploy-registration] ${projectKey}: ${problem.message}`);
      // Only the project's own keys: the others would tell the sender which keys exist in projects it may know nothing of.
      const issueKeys = ownIssueKeys(projectKey, deploy.issueKeys);
      return jsonReply(created ? 201 : 200, { deployId: deploy.id, environment: deploy.environment, state: deploy.state, issueKeys });
    } catch (error) {
      await releaseSignature(signature).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (error instanceof Refusal) return refusalReply(error);
    console.error('[deploy-registration] failed:', error instanceof Error ? error.message : error);
    return jsonReply(503, { error: 'unavailable', message: 'The deploy could not be recorded just now; send the same request again in a minute.' });
  }
}
