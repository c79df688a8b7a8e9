import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { mapBuildkiteBuild } from '../../providers/buildkite/map';
import { buildSchema } from '../../providers/buildkite/wire';
import { header, Refusal } from '../http';
import { invalidBody } from './checks';
import type { PushScheme } from './scheme';
import { MAX_SKEW_SECONDS, requireFreshTimestamp } from './timestamp';

/**
 * Buildkite pipeline webhooks (Notification Services), https://buildkite.com/docs/apis/webhooks/pipelines:
 * the webhook's token is sent either in plain text as `X-Buildkite-Token` or, the more secure
 * choice, as `X-Buildkite-Signature: timestamp=<unix seconds>,signature=<hex HMAC-SHA256 of
 * "<timestamp>.<body>" with the token>`. Only the signature is accepted: a plain token can be
 * replayed forever and is refused with a message saying which option to pick.
 */
export const BUILDKITE_SIGNATURE_HEADER = 'x-buildkite-signature';
const TOKEN_HEADER = 'x-buildkite-token';
const SIGNATURE = /^timestamp=([^,]*),signature=([^,]*)$/;
const HEX64 = /^[0-9a-f]{64}$/;

export function signBuildkite(secret: string, timestamp: number | string, body: string): string {
  return `timestamp=${timestamp},signature=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The build events that say something about a build; `ping`, `job.*` and `agent.*` record nothing. */
const BUILD_EVENTS = new Set(['build.scheduled', 'build.running', 'build.failing', 'build.finished', 'build.skipped']);

const eventSchema = z.object({ event: z.string().min(1).max(100) }).passthrough();
const buildEventSchema = z.object({ build: z.record(z.string(), z.unknown()), pipeline: z.record(z.string(), z.unknown()).nullish() });

export const buildkiteScheme: PushScheme = {
  kind: 'buildkite',
  signing: 'X-Buildkite-Signature, HMAC-SHA256 of "<timestamp>.<body>"',
  replaySeconds: 3 * MAX_SKEW_SECONDS,
  signed(request, nowMillis) {
    const value = header(request, BUILDKITE_SIGNATURE_HEADER);
    if (value === undefined || value === '') {
      if (header(request, TOKEN_HEADER) !== undefined) {
        throw new Refusal(401, 'token_not_accepted', 'Choose "X-Buildkite-Signature" for the webhook\'s token in Buildkite\'s Notification Services: a plain X-Buildkite-Token can be replayed and is not accepted.');
      }
      throw new Refusal(401, 'missing_signature', 'Sign the webhook: in Buildkite\'s Notification Services, set the token from Deploy Tracker and send it as "X-Buildkite-Signature".');
    }
    const match = SIGNATURE.exec(value);
    if (!match) throw new Refusal(401, 'malformed_signature', 'X-Buildkite-Signature must read "timestamp=<unix seconds>,signature=<64 lower-case hex characters>".');
    const timestamp = requireFreshTimestamp(match[1], 'X-Buildkite-Signature', nowMillis);
    const hex = match[2] ?? '';
    if (!HEX64.test(hex)) throw new Refusal(401, 'malformed_signature', 'The signature in X-Buildkite-Signature must be 64 lower-case hexadecimal characters.');
    const mac = Buffer.from(hex, 'hex');
    return {
      replayKey: `${timestamp}:${hex}`,
      matches: (secret) => timingSafeEqual(createHmac('sha256', secret).update(`${timestamp}.${request.body}`, 'utf8').digest(), mac),
    };
  },
  parse(json, connection) {
    const envelope = eventSchema.safeParse(json);
    if (!envelope.success) throw invalidBody(envelope.error.issues);
    if (!BUILD_EVENTS.has(envelope.data.event)) return { kind: 'ignored', reason: `${envelope.data.event} events record nothing` };
    const event = buildEventSchema.safeParse(json);
    if (!event.success) throw invalidBody(event.error.issues);
    // The webhook's build is the REST API's build; its pipeline may come beside it instead of inside.
    const wire = buildSchema.safeParse({ ...event.data.build, pipeline: event.data.build['pipeline'] ?? event.data.pipeline ?? null });
    if (!wire.success) throw invalidBody(wire.error.issues.map((i) => ({ ...i, path: ['build', ...i.path] })));
    if (connection.kind !== 'buildkite') throw new Refusal(404, 'not_enabled', 'This webhook belongs to a connection that is not a Buildkite one.');
    const build = mapBuildkiteBuild(wire.data, connection.id);
    return { kind: 'build', build, complete: build.sha !== null };
  },
};
