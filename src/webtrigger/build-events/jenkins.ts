import { z } from 'zod';
import { durationBetween, isoFromMillis, type Build, type JobRef } from '../../domain/build';
import { jenkinsState } from '../../providers/jenkins/map-build';
import { jobRefFromPath } from '../../providers/jenkins/map-jobs';
import { header, Refusal } from '../http';
import { sign, signatureMatches, SIGNATURE_HEADER, signedParts, TIMESTAMP_HEADER } from '../signature';
import { invalidBody } from './checks';
import type { PushScheme } from './scheme';
import { MAX_SKEW_SECONDS, requireFreshTimestamp } from './timestamp';

/**
 * Jenkins has no signed webhook of its own, so a build sends ours, signed exactly as deploy
 * registration is (src/webtrigger/README.md): `X-Deploy-Tracker-Timestamp` and
 * `X-Deploy-Tracker-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, which curl and
 * openssl can produce (see setup-snippets.ts). The body names the build as Jenkins does.
 */
export const signJenkins = sign;

const sha = z.string().regex(/^[0-9a-fA-F]{7,64}$/, 'a git commit SHA');
export const jenkinsEventSchema = z
  .object({
    /** `JOB_NAME`: the job's full name, folders included (`team/app`), as the poll identifies it. */
    job: z.string().min(1).max(1000),
    number: z.number().int().positive(),
    /** `currentBuild.currentResult`; null or absent while the build runs. */
    result: z.enum(['SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED', 'NOT_BUILT']).nullish(),
    building: z.boolean().optional(),
    /** Epoch milliseconds: `currentBuild.startTimeInMillis`. */
    startedAt: z.number().int().positive().optional(),
    durationMs: z.number().int().nonnegative().optional(),
    url: z.string().url().max(2000).optional(),
    // Shell snippets send "" for a variable Jenkins did not set (GIT_COMMIT outside a git checkout).
    sha: z.union([sha, z.literal('')]).optional(),
    branch: z.string().max(500).optional(),
    commits: z.array(z.object({ sha, message: z.string().max(10_000), author: z.string().max(200).optional() }).strict()).max(200).optional(),
  })
  .strict();

/** The job as the poll names it: from the Jenkins URL when there is one, else from the build's own URL. */
function jobOf(path: string[], baseUrl: string, buildUrl: string | undefined): JobRef {
  if (baseUrl) return jobRefFromPath(baseUrl, path);
  const ref = jobRefFromPath('', path);
  return { ...ref, url: buildUrl ? buildUrl.replace(/\d+\/?$/, '') : null };
}

export const jenkinsScheme: PushScheme = {
  kind: 'jenkins',
  signing: `${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER}: sha256=HMAC-SHA256 of "<timestamp>.<body>"`,
  replaySeconds: 3 * MAX_SKEW_SECONDS,
  signed(request, nowMillis) {
    requireFreshTimestamp(header(request, TIMESTAMP_HEADER), `the ${TIMESTAMP_HEADER} header`, nowMillis);
    const parts = signedParts({ timestampHeader: header(request, TIMESTAMP_HEADER), signatureHeader: header(request, SIGNATURE_HEADER), nowSeconds: Math.floor(nowMillis / 1000) });
    if ('kind' in parts) {
      throw new Refusal(401, parts.kind === 'missing-signature' ? 'missing_signature' : 'malformed_signature', `Sign the request: ${SIGNATURE_HEADER}: sha256=<64 lower-case hex characters of HMAC-SHA256 over "<timestamp>.<body>">.`);
    }
    return { replayKey: parts.replayKey, matches: (secret) => signatureMatches(secret, request.body, parts) };
  },
  parse(json, connection) {
    const parsed = jenkinsEventSchema.safeParse(json);
    if (!parsed.success) throw invalidBody(parsed.error.issues);
    if (connection.kind !== 'jenkins') throw new Refusal(404, 'not_enabled', 'This webhook belongs to a connection that is not a Jenkins one.');
    const event = parsed.data;
    const job = jobOf(event.job.split('/'), connection.baseUrl, event.url);
    const state = jenkinsState(event.result ?? null, event.building ?? event.result == null);
    const startedAt = isoFromMillis(event.startedAt);
    const finished = state !== 'in_progress' && state !== 'pending';
    const finishedAt = finished && startedAt && event.durationMs !== undefined ? new Date(Date.parse(startedAt) + event.durationMs).toISOString() : null;
    const build: Build = {
      provider: 'jenkins',
      connectionId: connection.id,
      job,
      number: event.number,
      state,
      rawState: event.result ?? null,
      startedAt,
      finishedAt,
      durationMs: durationBetween(startedAt, finishedAt),
      sha: event.sha ? event.sha.toLowerCase() : null,
      branch: event.branch?.replace(/^origin\//, '') || null,
      tag: null,
      commits: (event.commits ?? []).map((c) => ({ sha: c.sha.toLowerCase(), message: c.message, author: c.author ?? null, timestamp: null })),
      causes: [{ kind: 'other', description: 'Reported by the build (Deploy Tracker webhook)', actor: null }],
      parameters: [],
      url: job.url ? `${job.url}${event.number}/` : (event.url ?? null),
    };
    // Without the commit, or without its messages, the poll would know more: read it when the server is reachable.
    return { kind: 'build', build, complete: build.sha !== null && build.commits.length > 0 };
  },
};
