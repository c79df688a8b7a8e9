import type Resolver from '@forge/resolver';
import * as z from 'zod/mini';
import { DomainError, InvalidRequest } from '../domain/errors';
import { callerOf, type CallerContext } from '../forge/caller';
import type { ResolverResult } from '../shared/contract/resolver';

/**
 * Every resolver is defined through here: its payload is validated against its contract schema
 * (src/shared/contract), its caller comes from the Forge context (never the payload), and a
 * domain error becomes a typed failure the UI shows as is. Anything else is re-thrown so Forge
 * records it; the browser then sees a generic failure and never a stack trace.
 */

/** Forge refuses resolver payloads above 5 MB; we refuse far less to keep writes small. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

// zod/mini loads no messages of its own, and these reach a person: English, as classic zod sets.
z.config(z.locales.en());

function parsePayload<S extends z.ZodMiniType>(schema: S, payload: unknown): z.infer<S> {
  const size = Buffer.byteLength(JSON.stringify(payload ?? {}), 'utf8');
  if (size > MAX_PAYLOAD_BYTES) {
    throw new InvalidRequest(`The request is ${Math.round(size / 1024)} KB; the limit is ${MAX_PAYLOAD_BYTES / 1024} KB.`);
  }
  const parsed = z.safeParse(schema, payload ?? {});
  if (!parsed.success) {
    throw new InvalidRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

export function defineResolver<S extends z.ZodMiniType, T>(
  resolver: Resolver,
  key: string,
  payloadSchema: S,
  handler: (input: { payload: z.infer<S>; caller: CallerContext }) => Promise<T>,
): void {
  resolver.define(key, async ({ payload, context }): Promise<ResolverResult<T>> => {
    try {
      const caller = callerOf(context);
      const data = await handler({ payload: parsePayload(payloadSchema, payload), caller });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: error.toJSON() };
      throw error;
    }
  });
}
