import { z } from 'zod';

/**
 * Which projects a CI connection serves: every project on the site (added by a Jira admin on the
 * admin page), or the one project whose settings page added it. Stored with the connection.
 */
export const connectionScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site') }),
  z.object({ kind: z.literal('project'), projectKey: z.string() }),
]);
export type ConnectionScope = z.infer<typeof connectionScopeSchema>;

/** A site connection serves every project; a project's own connection serves that project only. */
export function servesProject(scope: ConnectionScope, projectKey: string): boolean {
  return scope.kind === 'site' || scope.projectKey === projectKey;
}

/** The connection is this project's own, which is what lets the project's admins change it. */
export function ownedByProject(scope: ConnectionScope, projectKey: string): boolean {
  return scope.kind === 'project' && scope.projectKey === projectKey;
}
