import type Resolver from '@forge/resolver';
import { deployDetails } from '../issue-panel/deploy-details';
import { NotOnIssue } from '../issue-panel/errors';
import { loadIssuePanel, loadMoreDeploys, type PanelCaller } from '../issue-panel/panel';
import { requireIssueAccess } from '../jira/permissions';
import { Visibility } from '../jira/visibility';
import {
  deployPayloadSchema,
  ISSUE_PANEL_RESOLVERS,
  loadPayloadSchema,
  morePayloadSchema,
} from '../shared/contract/issue-panel';
import type { CallerContext } from '../forge/caller';
import { defineResolver } from './define';

/**
 * The issue panel's resolvers. Each takes the issue and project from the Forge context, checks
 * that the caller can browse the issue in Jira, then hands over to one use case, which shows only
 * what the caller's Visibility (one per invocation) allows.
 */
export function defineIssuePanelResolvers(resolver: Resolver): void {
  defineResolver(resolver, ISSUE_PANEL_RESOLVERS.load, loadPayloadSchema, async ({ caller }) => {
    return loadIssuePanel(await panelCaller(caller));
  });

  defineResolver(resolver, ISSUE_PANEL_RESOLVERS.more, morePayloadSchema, async ({ payload, caller }) => {
    return loadMoreDeploys(await panelCaller(caller), payload.cursor);
  });

  defineResolver(resolver, ISSUE_PANEL_RESOLVERS.deploy, deployPayloadSchema, async ({ payload, caller }) => {
    return deployDetails(await panelCaller(caller), payload.deployId);
  });
}

async function panelCaller(caller: CallerContext): Promise<PanelCaller> {
  const { issueKey, projectKey } = caller;
  if (caller.moduleType !== 'jira:issuePanel' || !issueKey || !projectKey) throw new NotOnIssue();
  const accountId = await requireIssueAccess(caller.accountId, issueKey);
  return { accountId, issueKey, projectKey, visibility: new Visibility(accountId) };
}

