import { invoke } from '@forge/bridge';
import * as z from 'zod/mini';
import { failureSchema, type Failure } from '../../../src/shared/contract/issue-panel';
import { messageOf } from '../../shared/src/errors';

/** A failure the panel shows as is: what went wrong and what to do about it, never a stack. */
export class PanelFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

// What every resolver defined with defineResolver answers.
const refusedSchema = z.object({ ok: z.literal(false), error: failureSchema });
const answeredSchema = z.object({ ok: z.literal(true), data: z.unknown() });

const UNAVAILABLE_HINT = 'Try again in a moment. If it keeps failing, ask your Jira administrator to check the app in Manage apps.';

/** Calls one resolver through the real bridge and unwraps its `{ ok, data | error }` answer. */
export async function callResolver<T extends z.ZodMiniType>(key: string, payload: Record<string, unknown>, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await invoke(key, payload);
  } catch (error) {
    throw new PanelFailure({ name: 'Unavailable', message: messageOf(error), hint: UNAVAILABLE_HINT });
  }
  const refused = z.safeParse(refusedSchema, raw);
  if (refused.success) throw new PanelFailure(refused.data.error);
  const answered = z.safeParse(answeredSchema, raw);
  const parsed = answered.success ? z.safeParse(schema, answered.data.data) : undefined;
  if (!parsed?.success) {
    throw new PanelFailure({
      name: 'UnexpectedAnswer',
      message: `The app answered "${key}" in a shape this panel does not know.`,
      hint: 'Reload the page; if it persists, the app needs an update.',
    });
  }
  return parsed.data;
}

export function failureOf(error: unknown): Failure {
  return error instanceof PanelFailure ? error.failure : { name: 'Error', message: messageOf(error), hint: UNAVAILABLE_HINT };
}
