// Every contract in src/shared/contract is written with zod/mini: the pages bundle these files, and
// classic zod would add about 15 KB gzipped to each, more than the issue panel has left of its
// budget (scripts/build-ui.mjs). The backend validates with the same schemas (src/resolvers/define.ts).
import * as z from 'zod/mini';

/**
 * What every resolver answers (src/resolvers/define.ts): `{ok: true, data}`, or a typed failure a
 * person can act on. Pages show `message` and `hint` as they are; never a stack.
 */
export const failureSchema = z.object({ name: z.string(), message: z.string(), hint: z.string() });
export type Failure = z.infer<typeof failureSchema>;

export type ResolverResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: Failure };

export function resultSchema<T extends z.ZodMiniType>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: failureSchema })]);
}

/** The payload of a resolver that takes nothing: everything it needs comes from the Forge context. */
export const emptyPayloadSchema = z.strictObject({});
