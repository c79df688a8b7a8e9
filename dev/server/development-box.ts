import type { BuildData, DeploymentData } from '../emulator/jira/devops-store';
import type { Actor, JiraIssue, JiraSite } from '../emulator/jira/site';
import { html, type SafeHtml } from './html';

/**
 * The "Development" box of the host's issue page: what Jira shows of the deployments and builds an
 * app sent through the devops APIs (dev/emulator/jira/routes/devops.ts), outside any app's panel,
 * so a person sees what Jira would show. As Jira's development panel, it is shown only to users
 * with View Development Tools on the issue's project.
 */

const STATE_LABELS: Record<string, string> = {
  unknown: 'Unknown',
  pending: 'Pending',
  in_progress: 'In progress',
  cancelled: 'Cancelled',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  successful: 'Successful',
};

function when(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** A link only for http(s) URLs; anything else the app sent stays text. */
function linked(label: string, url: string): SafeHtml {
  const safe = URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
  return safe ? html`<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>` : html`${label}`;
}

function state(value: string): SafeHtml {
  return html`<span class="devops-state devops-state-${value}">${STATE_LABELS[value] ?? value}</span>`;
}

/** The newest deployment of each environment (by display name, as Jira lists them), newest first. */
function latestPerEnvironment(deployments: readonly DeploymentData[]): { environment: string; latest: DeploymentData; count: number }[] {
  const byEnvironment = new Map<string, DeploymentData[]>();
  for (const deployment of deployments) {
    const list = byEnvironment.get(deployment.environment.displayName) ?? [];
    list.push(deployment);
    byEnvironment.set(deployment.environment.displayName, list);
  }
  return [...byEnvironment].flatMap(([environment, list]) => {
    const latest = list[0];
    return latest ? [{ environment, latest, count: list.length }] : [];
  });
}

function deploymentRows(deployments: readonly DeploymentData[]): SafeHtml {
  const rows = latestPerEnvironment(deployments).map(
    ({ environment, latest, count }) => html`<li class="devops-row" data-testid="development-deployment">
      <span class="devops-name">${environment}</span>${state(latest.state)}
      <span class="devops-meta">${linked(latest.displayName, latest.url)} · <time datetime="${latest.lastUpdated}">${when(latest.lastUpdated)}</time>${count > 1 ? ` · ${count} deployments` : ''}</span>
    </li>`,
  );
  return html`<h3 class="devops-heading">Deployments</h3><ul class="devops-list">${rows}</ul>`;
}

function buildRows(builds: readonly BuildData[]): SafeHtml {
  const rows = builds.map(
    (build) => html`<li class="devops-row" data-testid="development-build">
      <span class="devops-name">${linked(build.displayName, build.url)}</span>${state(build.state)}
      <span class="devops-meta"><time datetime="${build.lastUpdated}">${when(build.lastUpdated)}</time></span>
    </li>`,
  );
  return html`<h3 class="devops-heading">Builds</h3><ul class="devops-list">${rows}</ul>`;
}

export function developmentBox(site: JiraSite, issue: JiraIssue, viewer: Actor): SafeHtml | undefined {
  if (!site.hasProjectPermission(viewer, site.projectOf(issue), 'VIEW_DEV_TOOLS')) return undefined;
  const deployments = site.devops.deploymentsOf(issue.key);
  const builds = site.devops.buildsOf(issue.key);
  const content =
    deployments.length === 0 && builds.length === 0
      ? html`<p class="subtle">Nothing was sent to Jira for this issue yet: no deployments or builds.</p>`
      : html`${deployments.length > 0 ? deploymentRows(deployments) : ''}${builds.length > 0 ? buildRows(builds) : ''}`;
  return html`<section class="issue-details development-box" aria-labelledby="development-title" data-testid="development-box">
    <h2 class="label" id="development-title">Development</h2>
    ${content}
  </section>`;
}
