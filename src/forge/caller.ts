import { z } from 'zod';
import { InvalidRequest } from '../domain/errors';

/**
 * Who is calling and from which Jira page, read from the Forge context of the invocation. Forge
 * fills that context itself, so it is trustworthy for authorization; the payload never is.
 */
export interface CallerContext {
  readonly accountId: string | undefined;
  readonly moduleType: string;
  readonly issueKey: string | undefined;
  readonly projectKey: string | undefined;
}

const contextSchema = z.object({
  accountId: z.string().min(1).optional(),
  extension: z.looseObject({
    type: z.string(),
    issue: z.looseObject({ key: z.string(), id: z.union([z.string(), z.number()]).optional() }).optional(),
    project: z.looseObject({ key: z.string(), id: z.union([z.string(), z.number()]).optional() }).optional(),
  }),
});

export function callerOf(context: unknown): CallerContext {
  const parsed = contextSchema.safeParse(context);
  if (!parsed.success) throw new InvalidRequest('The app was opened outside a Jira page it supports.');
  const { accountId, extension } = parsed.data;
  return { accountId, moduleType: extension.type, issueKey: extension.issue?.key, projectKey: extension.project?.key };
}
