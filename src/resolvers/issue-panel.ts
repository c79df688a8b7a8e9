import type Resolver from '@forge/resolver';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { deployDetails } from '../issue-panel/deploy-details';
import { NotOnIssue } from '../issue-panel/errors';
import { loadIssuePanel, loadMoreDeploys, type PanelCaller } from '../issue-panel/panel';
import { requireIssueAccess } from '../jira/permissions';
import {
  deployPayloadSchema,
  ISSUE_PANEL_RESOLVERS,
  loadPayloadSchema,
  morePayloadSchema,
} from '../shared/contract/issue-panel';
import { InvalidRequest } from '../domain/errors';
import type { CallerContext } from '../forge/caller';
import { defineResolver } from './define';

/**
 * The issue panel's resolvers. Each takes the issue and project from the Forge context, checks
 * that the caller can browse the issue in Jira, then hands over to one use case.
 */
export function defineIssuePanelResolvers(resolver: Resolver): void {
  defineResolver(resolver, ISSUE_PANEL_RESOLVERS.load, z.unknown(), async ({ payload, caller }) => {
    parseContract(loadPayloadSchema, payload);
    return loadIssuePanel(await panelCaller(caller));
  });

  defineResolver(resolver, ISSUE_PANEL_RESOLVERS.more, z.unknown(), async ({ payload, caller }) => {
    const { cursor } = parseContract(morePayloadSchema, payload);
    return loadMoreDeploys(await panelCaller(caller), cursor);
  });

  defineResolver(resolver, ISSUE_PANEL_RESOLVERS.deploy, z.unknown(), async ({ payload, caller }) => {
    const { deployId } = parseContract(deployPayloadSchema, payload);
    return deployDetails(await panelCaller(caller), deployId);
  });
}

async function panelCaller(caller: CallerContext): Promise<PanelCaller> {
  const { issueKey, projectKey } = caller;
  if (caller.moduleType !== 'jira:issuePanel' || !issueKey || !projectKey) throw new NotOnIssue();
  const accountId = await requireIssueAccess(caller.accountId, issueKey);
  return { accountId, issueKey, projectKey };
}

/**
 * The contract's payload schemas are zod/mini (the panel bundles them); defineResolver has
 * already bounded the payload's size, this checks its shape with the same messages.
 */
function parseContract<S extends zm.ZodMiniType>(schema: S, payload: unknown): zm.infer<S> {
  const parsed = zm.safeParse(schema, payload ?? {});
  if (parsed.success) return parsed.data;
  throw new InvalidRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
}
