import { invoke } from '@forge/bridge';
import * as z from 'zod/mini';
import { failureSchema, type Failure } from '../../../src/shared/contract/resolver';
import { messageOf } from './errors';

export type { Failure };

/**
 * The one place the pages call resolvers. Every resolver answers `{ok, data}` or a typed failure
 * (src/resolvers/define.ts); the data is checked against the shared contract, so a backend change
 * shows up as a clear failure rather than a blank page.
 */
export class ResolverFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = failure.name;
  }
}

const refusedSchema = z.object({ ok: z.literal(false), error: failureSchema });
const answeredSchema = z.object({ ok: z.literal(true), data: z.unknown() });

const UNAVAILABLE_HINT = 'Try again in a moment. If it keeps failing, ask your Jira administrator to check the app in Manage apps.';

export async function callResolver<S extends z.ZodMiniType>(key: string, payload: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await invoke(key, payload);
  } catch (error) {
    throw new ResolverFailure({ name: 'Unavailable', message: messageOf(error), hint: UNAVAILABLE_HINT });
  }
  const refused = z.safeParse(refusedSchema, raw);
  if (refused.success) throw new ResolverFailure(refused.data.error);
  const answered = z.safeParse(answeredSchema, raw);
  const parsed = answered.success ? z.safeParse(schema, answered.data.data) : undefined;
  if (!parsed?.success) {
    throw new ResolverFailure({
      name: 'UnexpectedAnswer',
      message: `The app answered "${key}" in a shape this page does not know.`,
      hint: 'Reload the page; if it persists, the app needs an update.',
    });
  }
  return parsed.data;
}

/** Any rejection as a Failure: a resolver's as it came, anything else by its message alone. */
export function failureOf(error: unknown): Failure {
  return error instanceof ResolverFailure ? error.failure : { name: 'Error', message: messageOf(error), hint: '' };
}
