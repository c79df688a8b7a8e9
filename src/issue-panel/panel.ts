import { isConfigured } from '../domain/project-config';
import type { DeployPage, DeployRow, PanelView } from '../shared/contract/issue-panel';
import { isProjectAdmin } from '../jira/permissions';
import { DeployStore } from '../storage/deploy-store';
import { configAndFailing } from '../storage/panel-reads';
import { SyncHealthStore } from '../storage/sync-health-store';
import { deployRow, staleNotes } from './rows';

/** Where the panel is and who is looking, all from the Forge context, access already checked. */
export interface PanelCaller {
  readonly accountId: string;
  readonly issueKey: string;
  readonly projectKey: string;
}

export interface PanelDeps {
  readonly deploys: Pick<DeployStore, 'forIssue'>;
  readonly health: Pick<SyncHealthStore, 'failingFor'>;
  readonly configAndFailing: typeof configAndFailing;
  /** Asked of Jira as the invocation's own user. */
  readonly isProjectAdmin: (projectKey: string) => Promise<boolean>;
}

export function panelDeps(): PanelDeps {
  return {
    deploys: new DeployStore(),
    health: new SyncHealthStore(),
    configAndFailing,
    isProjectAdmin,
  };
}

/**
 * The panel's first answer, in two storage calls whatever the history: the issue's newest links
 * (one query, each link carrying its deploy's summary), then the site-wide record of failing
 * connections (one get). Only an issue with no deploy yet needs the project's configuration, to
 * say whether it is set up: then the second call is one batch get of both. Jira is asked whether
 * the viewer is a project admin only when that decides what the empty state says.
 */
export async function loadIssuePanel(caller: PanelCaller, deps: PanelDeps = panelDeps()): Promise<PanelView> {
  const page = await deps.deploys.forIssue(caller.issueKey);
  let failing;
  if (page.deploys.length > 0) {
    failing = await deps.health.failingFor(caller.projectKey);
  } else {
    const read = await deps.configAndFailing(caller.projectKey);
    if (!isConfigured(read.config)) {
      return {
        status: 'not-configured',
        projectKey: caller.projectKey,
        canConfigure: await deps.isProjectAdmin(caller.projectKey),
      };
    }
    failing = read.failing;
  }
  return {
    status: 'ready',
    issueKey: caller.issueKey,
    deploys: rowsOf(page.deploys),
    cursor: page.cursor ?? null,
    stale: staleNotes(failing),
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
