import * as z from 'zod/mini';

const failureSchema = z.object({ ok: z.literal(false), error: z.object({ name: z.string(), message: z.string(), hint: z.string() }) });
const successSchema = z.object({ ok: z.literal(true), data: z.unknown() });

export type Failure = z.infer<typeof failureSchema>['error'];

/** The data of a successful answer, checked against the contract schema the pages use. */
export function dataOf<S extends z.ZodMiniType>(raw: unknown, schema: S): z.infer<S> {
  const success = successSchema.safeParse(raw);
  if (!success.success) throw new Error(`expected success, got ${JSON.stringify(raw)}`);
  const data = z.safeParse(schema, success.data.data);
  if (!data.success) throw new Error(`the answer is outside its contract: ${JSON.stringify(raw)}`);
  return data.data;
}

/** The typed failure of an answer that refused. */
export function failureOf(raw: unknown): Failure {
  const failure = failureSchema.safeParse(raw);
  if (!failure.success) throw new Error(`expected a failure, got ${JSON.stringify(raw)}`);
  return failure.data.error;
}
