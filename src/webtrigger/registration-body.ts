import { z } from 'zod';
import { DEPLOY_STATES, MAX_REPOSITORY_URL_LENGTH } from '../domain/deploy';
import { ENVIRONMENT_TYPES } from '../domain/environment';
import { safeLink } from '../shared/safe-link';

const isoTime = z.iso.datetime({ offset: true }).describe('an ISO 8601 time such as 2026-11-01T10:00:00Z');
function withoutCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  } catch {
    // Not a URL at all: z.url says so, and this message would only mislead.
    return true;
  }
}

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine(withoutCredentials, 'no user name or password in the URL: the link is shown to every viewer')
  .describe('an http(s) URL');

/** Turned into commit links on every viewer's panel, so it passes the same rule every rendered link does. */
const repositoryUrl = httpUrl
  .max(MAX_REPOSITORY_URL_LENGTH)
  .refine((url) => safeLink(url) !== null, 'an http(s) address a browser may open')
  .describe("the repository's web address, such as https://github.com/acme/shop");

/** The JSON a deploy registration request carries. Unknown fields are refused, so a typo does not go unnoticed. */
export const registrationSchema = z.strictObject({
  environment: z.strictObject({
    name: z.string().trim().min(1).max(100),
    type: z.enum(ENVIRONMENT_TYPES),
  }),
  sha: z
    .string()
    .regex(/^[0-9a-fA-F]{7,64}$/, 'the commit SHA that was deployed (7 to 64 hexadecimal characters)'),
  state: z.enum(DEPLOY_STATES),
  url: httpUrl,
  pipeline: z
    .strictObject({
      id: z.string().trim().min(1).max(255),
      name: z.string().trim().min(1).max(255).optional(),
      url: httpUrl.optional(),
    })
    .optional(),
  runId: z.string().trim().min(1).max(255).describe('identifies the run: the same run sent again updates its deploy'),
  commits: z
    .array(
      z.strictObject({
        sha: z.string().min(1).max(64),
        message: z.string().max(10_000),
        author: z.string().max(255).optional(),
        timestamp: isoTime.optional(),
      }),
    )
    .max(500)
    .optional(),
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  branch: z.string().trim().min(1).max(255).optional(),
  repositoryUrl: repositoryUrl.optional(),
});
export type Registration = z.infer<typeof registrationSchema>;

/** A clock may run ahead a little; a start a day away is a mistake, and would pin its row to the top of every list. */
export const MAX_FUTURE_MILLIS = 24 * 60 * 60 * 1000;

/** Each time in the body later than a day from `nowMillis`, named by its field. */
export function timesInTheFuture(body: Registration, nowMillis: number): string[] {
  const times: [string, string | undefined][] = [
    ['startedAt', body.startedAt],
    ['finishedAt', body.finishedAt],
    ...(body.commits ?? []).map((c, i): [string, string | undefined] => [`commits.${i}.timestamp`, c.timestamp]),
  ];
  return times.filter(([, time]) => time !== undefined && Date.parse(time) > nowMillis + MAX_FUTURE_MILLIS).map(([field]) => field);
}
