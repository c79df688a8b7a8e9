import { isConfigured } from '../domain/project-config';
import type { DeployPage, DeployRow, PanelView } from '../shared/contract/issue-panel';
import { ForbiddenError } from '../jira/errors';
import type { Visibility } from '../jira/visibility';
import { DeployStore } from '../storage/deploy-store';
import { projectsIn, visibleTotal } from '../storage/deploy-issue-totals';
import type { DeploySummary } from '../storage/deploy-record';
import { configAndFailing } from '../storage/panel-reads';
import { SyncHealthStore, type FailingConnection } from '../storage/sync-health-store';
import { panelRows } from './deploy-rows';
import { staleNotes } from './rows';

/** Where the panel is and who is looking, all from the Forge context, access to the issue already checked. */
export interface PanelCaller {
  readonly accountId: string;
  readonly issueKey: string;
  readonly projectKey: string;
  /** What the viewer may see, asked of Jira as the viewer for this invocation (src/jira/visibility.ts). */
  readonly visibility: Pick<Visibility, 'seesDevelopmentOf' | 'seesAnyOf' | 'developmentVisible' | 'administers' | 'mayReadJob'>;
}

export interface PanelDeps {
  readonly deploys: Pick<DeployStore, 'forIssue'>;
  readonly health: Pick<SyncHealthStore, 'failingFor'>;
  readonly configAndFailing: typeof configAndFailing;
}

export function panelDeps(): PanelDeps {
  return { deploys: new DeployStore(), health: new SyncHealthStore(), configAndFailing };
}

/**
 * Deploys are development information: as Jira's own Development panel, the panel shows them only
 * to viewers with View Development Tools in the issue's project.
 */
async function requireDevelopmentTools(caller: PanelCaller): Promise<void> {
  if (!(await caller.visibility.seesDevelopmentOf(caller.projectKey))) {
    throw new ForbiddenError(`Deploys are development information: seeing them on ${caller.projectKey} issues takes the View Development Tools permission there.`);
  }
}

/**
 * The panel's first answer, in two storage calls whatever the history: the issue's newest links
 * (one query, each link carrying its deploy's summary), then the site-wide record of failing
 * connections (one get). Only an issue with no deploy yet needs the project's configuration, to
 * say whether it is set up: then the second call is one batch get of both. A deploy of another
 * project that mentions the issue shows only to viewers who see that project's development data,
 * and counts towards the total (kept with the links, src/storage/deploy-issue-totals.ts) only for them.
 * Rows and total fold records by the one rule of src/domain/deploy-identity.ts: a run that two
 * projects recorded is one row, and counts once, for a viewer who sees either project.
 */
export async function loadIssuePanel(caller: PanelCaller, deps: PanelDeps = panelDeps()): Promise<PanelView> {
  await requireDevelopmentTools(caller);
  const page = await deps.deploys.forIssue(caller.issueKey);
  let failing: FailingConnection[];
  if (page.deploys.length > 0) {
    failing = await deps.health.failingFor(caller.projectKey);
  } else {
    const read = await deps.configAndFailing(caller.projectKey);
    if (!isConfigured(read.config)) {
      return { status: 'not-configured', projectKey: caller.projectKey, canConfigure: await caller.visibility.administers(caller.projectKey) };
    }
    failing = read.failing;
  }
  // The failing connections are those this project uses, so its admins (and Jira admins) read the details.
  const forAdmin = failing.length > 0 && (await caller.visibility.administers(caller.projectKey));
  const visible = await caller.visibility.developmentVisible([...page.deploys.map((d) => d.projectKey), ...(page.totals ? projectsIn(page.totals) : [])]);
  return {
    status: 'ready',
    issueKey: caller.issueKey,
    deploys: panelRows(page.deploys.filter((d) => visible.has(d.projectKey))),
    cursor: page.cursor ?? null,
    total: page.totals ? visibleTotal(page.totals, visible) : null,
    stale: staleNotes(failing, forAdmin),
  };
}

/** The next page of the issue's deploys: one storage query. */
export async function loadMoreDeploys(caller: PanelCaller, cursor: string, deps: Pick<PanelDeps, 'deploys'> = panelDeps()): Promise<DeployPage> {
  await requireDevelopmentTools(caller);
  const page = await deps.deploys.forIssue(caller.issueKey, cursor);
  return { deploys: await visibleRows(caller, page.deploys), cursor: page.cursor ?? null };
}

async function visibleRows(caller: PanelCaller, deploys: readonly DeploySummary[]): Promise<DeployRow[]> {
  const visible = await caller.visibility.developmentVisible(deploys.map((d) => d.projectKey));
  return panelRows(deploys.filter((d) => visible.has(d.projectKey)));
}
