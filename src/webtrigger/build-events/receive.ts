import type { Connection } from '../../domain/connection';
import { acceptsPush } from '../../domain/webhook';
import { modeOf } from '../../domain/connection';
import { ConnectionStore, type ConnectionEntry } from '../../storage/connection-store';
import { ConnectionBusy, ingestPushedBuild } from '../../sync/push-ingest';
import { PushStore, type WebhookSecret } from '../../sync/push-store';
import { jsonReply, Refusal, refusalReply, type WebtriggerRequest, type WebtriggerResponse } from '../http';
import { badSignature, parseJson, requireHookId, requireJson, requirePost, requireShape, requireSize } from './checks';
import { claimEvent, releaseEvent } from './replay';
import type { PushScheme, SignedRequest } from './scheme';

// Compared against when the hook has no secret, so that case takes the same work and gets the same answer as a wrong secret.
const NO_SECRET = 'no secret: this webhook does not exist';

/** The one read before the signature is known good: the secret, and the connection it belongs to. */
async function requireSignature(scheme: PushScheme, hookId: string, signed: SignedRequest): Promise<WebhookSecret> {
  const found = await new PushStore().secretFor(hookId);
  const matches = signed.matches(found?.secret ?? NO_SECRET);
  if (!found || !matches) throw badSignature(scheme.signing);
  return found;
}

/** Read only once the request is signed with the connection's secret: its sender may learn what is wrong. */
async function requireConnection(connectionId: string): Promise<ConnectionEntry> {
  const entry = await new ConnectionStore().get(connectionId);
  if (!entry) throw new Refusal(404, 'not_enabled', 'The connection this webhook belonged to was removed: remove the webhook from the CI.');
  if (!acceptsPush(modeOf(entry.connection))) {
    throw new Refusal(404, 'not_enabled', `Connection "${entry.connection.name}" is set to be polled only: choose "pushed" or "both" in its Deploy Tracker settings.`);
  }
  return entry;
}

function parseEvent(scheme: PushScheme, request: WebtriggerRequest, connection: Connection, nowMillis: number) {
  return scheme.parse(parseJson(request.body), connection, nowMillis);
}

/**
 * A build event from a CI. Checks run in a fixed order and the first failure answers, each with
 * its own status and a message saying what to fix: shape, method, the URL's hook id, media type
 * and size, then the provider's signature headers (no storage), then one read (the secret) and
 * the signature; only then the connection, the body, the event's age and the replay guard.
 * Nothing is written before the request is authenticated, valid and new.
 */
export async function receiveBuildEvent(scheme: PushScheme, event: unknown): Promise<WebtriggerResponse> {
  const now = () => Date.now();
  try {
    const request = requireShape(event);
    requirePost(request);
    const hookId = requireHookId(request);
    requireJson(request);
    requireSize(request);
    const signed = scheme.signed(request, now());
    const secret = await requireSignature(scheme, hookId, signed);
    const entry = await requireConnection(secret.connectionId);
    const parsed = parseEvent(scheme, request, entry.connection, now());
    const store = new PushStore();
    const markSeen = async () => store.markSeen(entry.connection.id, now(), await store.lastSeen(entry.connection.id));
    if (parsed.kind === 'ignored') {
      await markSeen();
      return jsonReply(202, { ignored: parsed.reason });
    }
    const guard = `${scheme.kind}:${hookId}:${parsed.eventId ?? signed.replayKey}`;
    if (!(await claimEvent(guard, now(), scheme.replaySeconds))) {
      throw new Refusal(409, 'replayed', 'This event was received before (same signature or event id); it is recorded once.');
    }
    try {
      const outcome = await ingestPushedBuild(entry, { build: parsed.build, complete: parsed.complete });
      await markSeen();
      const { build } = outcome;
      return jsonReply(outcome.written ? 201 : 200, { job: build.job.id, number: build.number, state: build.state, recorded: outcome.written, deploysWritten: outcome.deploysWritten });
    } catch (error) {
      await releaseEvent(guard).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (error instanceof Refusal) return refusalReply(error);
    if (error instanceof ConnectionBusy) {
      // Neither Buildkite's nor CircleCI's docs promise a retry: a connection set to "both" is reconciled by its next poll.
      return jsonReply(503, { error: 'busy', message: 'A sync of this connection is writing; send the event again in a minute.' }, { 'Retry-After': ['60'] });
    }
    console.error(`[build-events:${scheme.kind}] failed:`, error instanceof Error ? error.message : error);
    return jsonReply(503, { error: 'unavailable', message: 'The event could not be recorded just now; send it again in a minute.' });
  }
}
