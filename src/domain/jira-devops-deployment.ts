import type { Deploy, DeployState } from './deploy';
import type { EnvironmentType } from './environment';
import { projectOf } from './issue-keys';
import { clip, JIRA_LIMITS, jiraUrl, updateSequenceNumber } from './jira-devops';

/** One value of Jira's `associations`: issue keys, or commits of a repository Jira knows. */
export type JiraAssociation =
  | { readonly associationType: 'issueKeys'; readonly values: readonly string[] }
  | { readonly associationType: 'commit'; readonly values: readonly { readonly commitHash: string; readonly repositoryId: string }[] };

/** DeploymentData of POST /rest/deployments/0.1/bulk, as the app fills it. */
export interface JiraDeployment {
  readonly schemaVersion: '1.0';
  readonly deploymentSequenceNumber: number;
  readonly updateSequenceNumber: number;
  readonly associations: readonly JiraAssociation[];
  readonly displayName: string;
  readonly url: string;
  readonly description: string;
  readonly lastUpdated: string;
  readonly label?: string;
  readonly state: DeployState;
  readonly pipeline: { readonly id: string; readonly displayName: string; readonly url: string };
  readonly environment: { readonly id: string; readonly displayName: string; readonly type: EnvironmentType };
}

export interface DeploymentKey {
  readonly pipelineId: string;
  readonly environmentId: string;
  readonly deploymentSequenceNumber: number;
}

export interface DeploymentTarget {
  /** From `pipelineIdOf` (the CI server and job) or `registrationPipelineId`. */
  readonly pipelineId: string;
  /** The project whose settings made the links: its keys go first. */
  readonly projectKey: string;
  /** Jira's id of the repository the commits belong to; without one, commits are not associated. */
  readonly repositoryId?: string | undefined;
}

export type DeploymentMapping = { readonly deployment: JiraDeployment } | { readonly skipped: string };

/**
 * Jira's deploymentSequenceNumber, monotonic per pipeline and environment: the CI run number (a
 * job's runs are numbered in order). A registered run's id is the caller's and may be anything
 * (`42`, then `release-7`), so its start time in milliseconds stands in: it never goes back.
 */
export function deploymentSequenceNumber(deploy: Pick<Deploy, 'origin' | 'sequence' | 'startedAt'>): number {
  if (deploy.origin.kind === 'ci') return deploy.origin.buildNumber;
  const started = Date.parse(deploy.startedAt);
  return Number.isFinite(started) ? started : deploy.sequence;
}

export function deploymentKeyOf(deployment: JiraDeployment): DeploymentKey {
  return {
    pipelineId: deployment.pipeline.id,
    environmentId: deployment.environment.id,
    deploymentSequenceNumber: deployment.deploymentSequenceNumber,
  };
}

export function deploymentKeyText(key: DeploymentKey): string {
  return `${key.pipelineId}\n${key.environmentId}\n${key.deploymentSequenceNumber}`;
}

/**
 * At most 500 values in total, in the order that matters most to the project: its own issue
 * keys, then other projects' keys, then commits. One deployment always goes whole in one request
 * (a later request would replace it, not add to it), so what does not fit is left out here.
 */
export function associationsFor(issueKeys: readonly string[], projectKey: string, commits: readonly string[], repositoryId: string | undefined): JiraAssociation[] {
  const own = issueKeys.filter((k) => projectOf(k) === projectKey);
  const others = issueKeys.filter((k) => projectOf(k) !== projectKey);
  const keys = [...new Set([...own, ...others])].slice(0, JIRA_LIMITS.deploymentAssociations);
  const room = JIRA_LIMITS.deploymentAssociations - keys.length;
  const hashes = repositoryId && room > 0 ? [...new Set(commits)].slice(0, room) : [];
  const associations: JiraAssociation[] = [];
  if (keys.length > 0) associations.push({ associationType: 'issueKeys', values: keys });
  if (repositoryId && hashes.length > 0) {
    associations.push({ associationType: 'commit', values: hashes.map((commitHash) => ({ commitHash, repositoryId })) });
  }
  return associations;
}

/** How much the app knows of a deploy: every association value it sends, and the builds of its snapshot. */
function extentOf(associations: readonly JiraAssociation[], deploy: Pick<Deploy, 'snapshot'>): number {
  return associations.reduce((sum, a) => sum + a.values.length, 0) + deploy.snapshot.length;
}

/** A deploy as Jira's deployment, or why it cannot be one (Jira needs an issue to link and a URL). */
export function toJiraDeployment(deploy: Deploy, target: DeploymentTarget): DeploymentMapping {
  const url = jiraUrl(deploy.url) ?? jiraUrl(deploy.pipeline.url);
  if (!url) return { skipped: 'it has no http(s) link to the run, which Jira requires' };
  const associations = associationsFor(deploy.issueKeys, target.projectKey, deploy.commits.map((c) => c.sha), target.repositoryId);
  if (!associations.some((a) => a.associationType === 'issueKeys')) return { skipped: 'it links no issue' };
  const sequence = deploymentSequenceNumber(deploy);
  const shortSha = deploy.sha ? deploy.sha.slice(0, 12) : null;
  const what = [shortSha && `commit ${shortSha}`, deploy.branch && `branch ${deploy.branch}`].filter(Boolean).join(' on ');
  return {
    deployment: {
      schemaVersion: '1.0',
      deploymentSequenceNumber: sequence,
      updateSequenceNumber: updateSequenceNumber(deploy.state, deploy.startedAt, deploy.finishedAt, extentOf(associations, deploy)),
      associations,
      displayName: clip(`${deploy.pipeline.displayName} #${deploy.origin.kind === 'ci' ? sequence : deploy.sequence}`),
      url,
      description: clip(`Deploy${what ? ` of ${what}` : ''} to ${deploy.environment.name}`),
      lastUpdated: deploy.finishedAt ?? deploy.startedAt,
      ...(shortSha ? { label: clip(shortSha) } : {}),
      state: deploy.state,
      pipeline: { id: target.pipelineId, displayName: clip(deploy.pipeline.displayName), url: jiraUrl(deploy.pipeline.url) ?? url },
      environment: { id: clip(deploy.environment.id), displayName: clip(deploy.environment.name), type: deploy.environment.type },
    },
  };
}
