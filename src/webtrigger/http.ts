import { z } from 'zod';

/** Forge's web trigger response shape: headers are lists of values. */
export interface WebtriggerResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/** What Forge hands a web trigger function: lower-case header names, every value in a list. */
export const webtriggerRequestSchema = z.object({
  method: z.string(),
  headers: z.record(z.string(), z.array(z.string())).default({}),
  queryParameters: z.record(z.string(), z.array(z.string())).default({}),
  body: z.string().default(''),
});
export type WebtriggerRequest = z.infer<typeof webtriggerRequestSchema>;

/** A request refused with its status and a message the sender can act on. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export function jsonReply(statusCode: number, body: unknown, headers: Record<string, string[]> = {}): WebtriggerResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'], ...headers }, body: JSON.stringify(body) };
}

export function refusalReply(refusal: Refusal): WebtriggerResponse {
  return jsonReply(refusal.status, { error: refusal.code, message: refusal.message }, refusal.headers);
}

export function header(request: WebtriggerRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return values[0];
  return undefined;
}

export function queryParameter(request: WebtriggerRequest, name: string): string | undefined {
  return request.queryParameters[name]?.[0];
}
