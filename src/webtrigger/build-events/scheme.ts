import type { Build, ProviderKind } from '../../domain/build';
import type { Connection } from '../../domain/connection';
import type { WebtriggerRequest } from '../http';

/** A request's signature in its one accepted form, read from the headers alone (no storage). */
export interface SignedRequest {
  /** Whether the body is signed with this secret, in constant time. */
  matches(secret: string): boolean;
  /** The same request always gives the same key; events whose id is in the body replace it. */
  readonly replayKey: string;
}

/** What one verified event says: a build to record, or something that records nothing. */
export type PushEvent =
  | { readonly kind: 'ignored'; readonly reason: string }
  | {
      readonly kind: 'build';
      readonly build: Build;
      /** False when the event lacks details the CI's API has (another workflow, the commits): one targeted read fills them. */
      readonly complete: boolean;
      /** The CI's own id of the event, when it has one (CircleCI): the replay guard keys on it. */
      readonly eventId?: string | undefined;
    };

/**
 * One provider's documented webhook scheme: how its requests are signed, how long a signed
 * request stays acceptable, and how its body becomes a Build with the identity the provider's
 * own mapping gives a polled build (same connection, job id and number: one record).
 */
export interface PushScheme {
  readonly kind: ProviderKind;
  /** How signing works, for the 403 message. */
  readonly signing: string;
  /** How long a signature or event id is remembered; longer than a request can be accepted for. */
  readonly replaySeconds: number;
  signed(request: WebtriggerRequest, nowMillis: number): SignedRequest;
  parse(json: unknown, connection: Connection, nowMillis: number): PushEvent;
}
