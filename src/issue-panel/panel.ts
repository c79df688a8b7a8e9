import { isConfigured, connectionsUsedBy } from '../domain/project-config';
import type { DeployPage, DeployRow, PanelView } from '../shared/contract/issue-panel';
import { isProjectAdmin } from '../jira/permissions';
import { DeployStore } from '../storage/deploy-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import { SyncStateStore } from '../storage/sync-state-store';
import { deployRow, staleNotes } from './rows';

/** Where the panel is and who is looking, all from the Forge context, access already checked. */
export interface PanelCaller {
  readonly accountId: string;
  readonly issueKey: string;
  readonly projectKey: string;
}

export interface PanelDeps {
  readonly deploys: Pick<DeployStore, 'forIssue'>;
  readonly configs: Pick<ProjectConfigStore, 'get'>;
  readonly syncState: Pick<SyncStateStore, 'statuses'>;
  readonly isProjectAdmin: (accountId: string, projectKey: string) => Promise<boolean>;
}

export function panelDeps(): PanelDeps {
  return {
    deploys: new DeployStore(),
    configs: new ProjectConfigStore(),
    syncState: new SyncStateStore(),
    isProjectAdmin,
  };
}

/**
 * The panel's first answer, in a fixed number of storage calls whatever the history: the
 * project's configuration (one get) and the issue's newest links (one query, each link carrying
 * its deploy's summary) side by side, then the sync status of the connections the project uses
 * (one batch get, none when it uses none). Jira is asked whether the viewer is a project admin
 * only when that decides what the empty state says.
 */
export async function loadIssuePanel(caller: PanelCaller, deps: PanelDeps = panelDeps()): Promise<PanelView> {
  const [config, page] = await Promise.all([deps.configs.get(caller.projectKey), deps.deploys.forIssue(caller.issueKey)]);
  if (page.deploys.length === 0 && !isConfigured(config)) {
    return {
      status: 'not-configured',
      projectKey: caller.projectKey,
      canConfigure: await deps.isProjectAdmin(caller.accountId, caller.projectKey),
    };
  }
  const connections = config ? connectionsUsedBy(config) : [];
  const statuses = connections.length > 0 ? await deps.syncState.statuses(connections) : [];
  return {
    status: 'ready',
    issueKey: caller.issueKey,
    deploys: rowsOf(page.deploys),
    cursor: page.cursor ?? null,
    stale: staleNotes(statuses),
  };
}

/** The next page of the issue's deploys: one storage query. */
export async function loadMoreDeploys(
  caller: PanelCaller,
  cursor: string,
  deps: Pick<PanelDeps, 'deploys'> = panelDeps(),
): Promise<DeployPage> {
  const page = await deps.deploys.forIssue(caller.issueKey, cursor);
  return { deploys: rowsOf(page.deploys), cursor: page.cursor ?? null };
}

function rowsOf(deploys: Parameters<typeof deployRow>[0][]): DeployRow[] {
  return deploys.map(deployRow);
}
