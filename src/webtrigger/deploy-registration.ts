/** Forge's web trigger response shape: headers are lists of values. */
export interface WebtriggerResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/**
 * Deploy registration from other tools (issue 5 adds signed requests). Until a project has
 * created its signing secret, every request is refused with a message saying so.
 */
export async function deployRegistration(): Promise<WebtriggerResponse> {
  return {
    statusCode: 404,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify({ error: 'Deploy registration is not enabled for any project yet.' }),
  };
}
