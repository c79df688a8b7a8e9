/**
 * The message a person can act on, from anything a promise rejected with. Stacks never reach
 * the screen: they help nobody reading a Jira page and can leak internals.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message.trim();
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  return 'Something went wrong, and the app did not say what.';
}
