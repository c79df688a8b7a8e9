import { z } from 'zod';
import type { BuildSelector } from '../domain/jenkins-insight';

/**
 * The inputs the Rovo agent extracts from a question. A model wrote them, so they are checked
 * like any outside data and never decide access: the connection name is only looked up among the
 * connections an admin enabled for the agent (agent-connections.ts).
 */

const connection = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((name) => (name ? name : undefined))
  .describe('Jenkins connection name');

/** `team/api-server`, `team » api-server`, or a job URL (only its `/job/...` path is used, never its host). */
export function jobIdFromText(text: string): string {
  const trimmed = text.trim().replace(/^["'`]+|["'`]+$/g, '');
  const fromUrl = /(?:\/job\/[^/?#]+)+/.exec(trimmed)?.[0];
  const segments = fromUrl
    ? fromUrl.split('/job/').filter(Boolean).map((s) => safeDecode(s))
    : trimmed
        .replace(/^\/+|\/+$/g, '')
        .split(/\s*»\s*|\//)
        .map((s) => s.trim());
  // Empty segments stay, so `a//b` is refused as a job name rather than silently read as `a/b`.
  return segments.join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const job = z
  .string()
  .min(1)
  .max(1000)
  .transform(jobIdFromText)
  .pipe(z.string().min(1, 'name the job').max(1000))
  .describe('Job full name');

const PERMALINKS: readonly [RegExp, BuildSelector][] = [
  [/^(last|latest|lastbuild|latestbuild|current|newest|mostrecent)$/, 'last'],
  [/^(lastfailed|lastfailedbuild|latestfailed|lastfailure|lastbroken)$/, 'lastFailed'],
  [/^(lastsuccessful|lastsuccessfulbuild|lastsuccess|latestsuccessful|lastgood|lastpassing|lastgreen)$/, 'lastSuccessful'],
];

/** "142", "#142", "build 142", "last", "latest", "last failed", "lastSuccessful"... */
export function buildSelectorFromText(text: string | number | undefined): BuildSelector | null {
  if (text === undefined) return 'last';
  if (typeof text === 'number') return Number.isSafeInteger(text) && text > 0 ? text : null;
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return 'last';
  const number = /^(?:build\s*)?#?\s*(\d{1,9})$/.exec(trimmed)?.[1];
  if (number !== undefined) return Number(number) > 0 ? Number(number) : null;
  const compact = trimmed.replace(/[\s_-]+/g, '');
  return PERMALINKS.find(([pattern]) => pattern.test(compact))?.[1] ?? null;
}

const build = z
  .union([z.string().max(100), z.number()])
  .optional()
  .transform((value, ctx) => {
    const selector = buildSelectorFromText(value);
    if (selector === null) {
      ctx.addIssue({ code: 'custom', message: 'use a build number such as 142, or last, lastFailed or lastSuccessful' });
      return z.NEVER;
    }
    return selector;
  })
  .describe('Build');

const folder = z
  .string()
  .max(1000)
  .optional()
  .transform((text) => (text && text.trim() ? jobIdFromText(text) : ''))
  .describe('Folder');

export const listJobsInput = z.object({ connection, folder });
export const jobInput = z.object({ connection, job });
export const buildInput = z.object({ connection, job, build });
export const queueInput = z.object({ connection });

export type ListJobsInput = z.infer<typeof listJobsInput>;
export type JobInput = z.infer<typeof jobInput>;
export type BuildInput = z.infer<typeof buildInput>;
