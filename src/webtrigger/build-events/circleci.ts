import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { durationBetween, isoFromText, type Build } from '../../domain/build';
import { DEFAULT_API_BASE_URL } from '../../domain/connection';
import { commitFieldsOf, projectRef, workflowState } from '../../providers/circleci/map';
import { header, Refusal } from '../http';
import { invalidBody } from './checks';
import type { PushScheme } from './scheme';

/**
 * CircleCI outbound webhooks, https://circleci.com/docs/outbound-webhooks and
 * https://circleci.com/docs/webhooks-reference/: `workflow-completed` and `job-completed`,
 * signed in `circleci-signature` as `v1=<hex HMAC-SHA256 of the body>` with the webhook's secret
 * (versions may be listed comma-separated; only v1 is defined). The signature covers no time,
 * so freshness comes from the event's `happened_at`, and replays are caught by its `id`, which
 * CircleCI documents for de-duplicating its own repeated deliveries.
 */
export const CIRCLECI_SIGNATURE_HEADER = 'circleci-signature';
const V1 = /^v1=([0-9a-f]{64})$/;
/** CircleCI retries failed deliveries later (policy undocumented); an event older than this is refused. */
export const CIRCLECI_MAX_AGE_SECONDS = 24 * 60 * 60;

export function signCircleCi(secret: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const text = z.string().max(2000).nullish();
const eventSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.string().min(1).max(100),
    happened_at: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'not a time'),
  })
  .passthrough();
const completedSchema = z.object({
  project: z.object({ slug: z.string().min(1).max(300) }).passthrough(),
  workflow: z.object({ id: z.string(), name: text, created_at: text, stopped_at: text, status: text, url: text }).passthrough(),
  pipeline: z
    .object({
      number: z.number().int().positive(),
      created_at: text,
      trigger: z.object({ type: text }).passthrough().nullish(),
      vcs: z
        .object({
          revision: text,
          branch: text,
          tag: text,
          commit: z.object({ subject: text, body: text, author: z.object({ name: text }).passthrough().nullish() }).passthrough().nullish(),
          origin_repository_url: text,
          target_repository_url: text,
        })
        .passthrough()
        .nullish(),
    })
    .passthrough(),
});

const EVENTS = new Set(['workflow-completed', 'job-completed']);

function buildOf(event: z.infer<typeof completedSchema>, type: string, ctx: { connectionId: string; apiBaseUrl: string }): Build {
  const { workflow, pipeline } = event;
  const job = projectRef(event.project.slug, ctx.apiBaseUrl);
  // A finished job says its workflow still runs (or is about to finish); a finished workflow says its own outcome.
  const state = type === 'workflow-completed' ? workflowState(workflow.status) : 'in_progress';
  const startedAt = isoFromText(workflow.created_at) ?? isoFromText(pipeline.created_at);
  const finishedAt = type === 'workflow-completed' ? isoFromText(workflow.stopped_at) : null;
  return {
    provider: 'circleci',
    connectionId: ctx.connectionId,
    job,
    number: pipeline.number,
    state,
    rawState: `${workflow.name ?? workflow.id}:${workflow.status ?? 'null'}`,
    startedAt,
    finishedAt,
    durationMs: durationBetween(startedAt, finishedAt),
    ...commitFieldsOf(pipeline.vcs),
    causes: [{ kind: pipeline.trigger?.type === 'webhook' ? 'webhook' : 'other', description: pipeline.trigger?.type ?? 'unknown', actor: null }],
    parameters: [],
    url: `${job.url}/${pipeline.number}`,
  };
}

export const circleCiScheme: PushScheme = {
  kind: 'circleci',
  signing: 'circleci-signature, v1=HMAC-SHA256 of the body',
  // The event id is remembered for longer than an event is accepted.
  replaySeconds: CIRCLECI_MAX_AGE_SECONDS + 60 * 60,
  signed(request) {
    const value = header(request, CIRCLECI_SIGNATURE_HEADER);
    if (value === undefined || value === '') {
      throw new Refusal(401, 'missing_signature', "Set the webhook's secret token in CircleCI (project settings, Webhooks) to the secret from Deploy Tracker, so it sends circleci-signature.");
    }
    const v1 = value
      .split(',')
      .map((part) => V1.exec(part.trim())?.[1])
      .filter((hex): hex is string => hex !== undefined);
    if (v1.length === 0) throw new Refusal(401, 'malformed_signature', 'circleci-signature must hold "v1=" followed by 64 lower-case hexadecimal characters.');
    const macs = v1.map((hex) => Buffer.from(hex, 'hex'));
    return {
      replayKey: v1.join(','),
      matches: (secret) => {
        const expected = createHmac('sha256', secret).update(request.body, 'utf8').digest();
        // Every listed v1 is compared, so the time taken does not depend on which one matched.
        return macs.map((mac) => timingSafeEqual(expected, mac)).some(Boolean);
      },
    };
  },
  parse(json, connection, nowMillis) {
    const envelope = eventSchema.safeParse(json);
    if (!envelope.success) throw invalidBody(envelope.error.issues);
    const age = (nowMillis - Date.parse(envelope.data.happened_at)) / 1000;
    if (age > CIRCLECI_MAX_AGE_SECONDS || age < -300) {
      throw new Refusal(401, 'stale_event', `The event happened ${Math.round(age)} s ago; events are accepted for ${CIRCLECI_MAX_AGE_SECONDS / 3600} hours after they happen.`);
    }
    if (!EVENTS.has(envelope.data.type)) return { kind: 'ignored', reason: `${envelope.data.type} events record nothing` };
    const event = completedSchema.safeParse(json);
    if (!event.success) throw invalidBody(event.error.issues);
    if (connection.kind !== 'circleci') throw new Refusal(404, 'not_enabled', 'This webhook belongs to a connection that is not a CircleCI one.');
    if (!connection.projectSlugs.includes(event.data.project.slug)) {
      return { kind: 'ignored', reason: `project ${event.data.project.slug.slice(0, 300)} is not one of this connection's projects` };
    }
    const apiBaseUrl = connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.circleci;
    const build = buildOf(event.data, envelope.data.type, { connectionId: connection.id, apiBaseUrl });
    // One workflow's outcome is not the pipeline's when it has others: the pipeline is read once.
    return { kind: 'build', build, complete: false, eventId: envelope.data.id };
  },
};
