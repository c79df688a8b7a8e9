import { z } from 'zod';

/**
 * Buildkite REST v2 shapes: only the fields the app reads (zod drops the rest unchecked).
 * `state` and `source` stay strings: new values must not break a sync.
 */

const text = z.string().nullish();

/** A listed pipeline (`GET /pipelines`); `repository` is the remote it clones (`git@github.com:org/repo.git` or a URL). */
export const pipelineSchema = z.object({
  slug: z.string(),
  name: text,
  web_url: text,
  repository: text,
});

/**
 * The pipeline a build belongs to. Builds are asked for with `exclude_pipeline=true`, which drops
 * the expanded pipeline object; what is left of it is not documented, so nothing of it is required:
 * the slug is also in the build's own `url` (`.../pipelines/{slug}/builds/{number}`) and `web_url`.
 * Webhook payloads carry it whole, `repository` included.
 */
const buildPipelineSchema = z.object({ slug: text, name: text, web_url: text, repository: text }).nullish().catch(null);

const API_URL_PIPELINE = /\/pipelines\/([^/?#]+)\/builds\/\d+\/?$/;
const WEB_URL_PIPELINE = /\/([^/?#]+)\/builds\/\d+\/?$/;

function slugFrom(pattern: RegExp, url: string | null | undefined): string | null {
  const match = url ? pattern.exec(url.split(/[?#]/)[0] ?? '') : null;
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export const buildSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    state: z.string(),
    // What a build reaching a block step shows as (`passed` by default, or as its block step says).
    blocked_state: text,
    url: text,
    web_url: text,
    message: text,
    commit: text,
    branch: text,
    tag: text,
    source: text,
    author: z.object({ name: text }).nullish(),
    creator: z.object({ name: text }).nullish(),
    created_at: text,
    started_at: text,
    finished_at: text,
    rebuilt_from: z.object({ number: z.number().int().nullish() }).nullish(),
    pipeline: buildPipelineSchema,
  })
  .transform((build, ctx) => {
    const pipelineSlug = build.pipeline?.slug || slugFrom(API_URL_PIPELINE, build.url) || slugFrom(WEB_URL_PIPELINE, build.web_url);
    if (!pipelineSlug) {
      ctx.addIssue({ code: 'custom', message: 'no pipeline slug (neither pipeline.slug nor a build url names it)', path: ['url'] });
      return z.NEVER;
    }
    return { ...build, pipelineSlug };
  });
export type WireBuild = z.output<typeof buildSchema>;

export const buildListSchema = z.array(buildSchema);
export const pipelineListSchema = z.array(pipelineSchema);

/**
 * GET /v2/access-token (https://buildkite.com/docs/apis/rest-api/access-token): scopes always;
 * uuid, description, created_at ("2025-07-16 06:07:42 UTC") and user in current answers. Buildkite
 * tokens can expire (GraphQL's `expiresAt`, null for never), so an `expires_at` is read when the
 * REST answer carries one and never required. A time that does not parse is dropped, not fatal:
 * it must not fail a test of a token that works.
 */
export const accessTokenSchema = z.object({
  scopes: z.array(z.string()),
  user: z.object({ name: text }).nullish(),
  created_at: z.string().nullish().catch(undefined),
  /** null: never expires; absent (or unreadable): not reported. */
  expires_at: z.string().nullable().optional().catch(undefined),
});

/** Buildkite's "2025-07-16 06:07:42 UTC" (or ISO 8601) as ISO 8601; null when it is neither. */
export function buildkiteTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const utc = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: ?UTC|Z)$/.exec(value.trim());
  const millis = utc ? Date.parse(`${utc[1]}T${utc[2]}Z`) : /^\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
