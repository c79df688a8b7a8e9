import type { Build } from '../domain/build';
import type { Connection } from '../domain/connection';
import type { Deploy } from '../domain/deploy';
import { JIRA_LIMITS, pipelineIdOf, registrationPipelineId, serverIdOf } from '../domain/jira-devops';
import { batches, newestByKey, propertiesFor, type JiraProperties } from '../domain/jira-devops-batch';
import { buildKeyText, toJiraBuild, type JiraBuild } from '../domain/jira-devops-build';
import { deploymentKeyOf, deploymentKeyText, toJiraDeployment, type JiraDeployment } from '../domain/jira-devops-deployment';
import { connectionsUsedBy, type ProjectConfig } from '../domain/project-config';
import { DomainError } from '../domain/errors';
import { forgeRuntime } from '../forge/provider-deps';
import { JiraDevopsClient, type DevopsDeps } from '../jira/devops/client';
import type { SubmitBuildsResponse, SubmitDeploymentsResponse } from '../jira/devops/wire';
import { issueKeysFor } from './issue-linking';
import { countsForProject } from './plan-deploy';
import { RunContext } from './run-context';
import type { Problem } from './status';

/** What one run just wrote, to be sent on to Jira's Development panel. */
export interface JiraDevopsInput {
  readonly connection: Connection;
  readonly deploys: readonly Deploy[];
  readonly builds: readonly Build[];
}

interface Outgoing<T> {
  readonly item: T;
  /** The CI job it came from, for the sync status. */
  readonly jobId: string;
  readonly deploy?: Deploy;
}

/** A project sends to Jira only when its issue integration provider is "Jira (this site)". */
function sendsToJira(config: ProjectConfig | undefined): config is ProjectConfig {
  return config?.issueIntegration.provider === 'jira';
}

/** A registered deploy has no connection; a CI deploy is always handed the connection that saw it. */
function deployPipelineId(deploy: Deploy, connection: Connection | null): string {
  return deploy.origin.kind === 'ci' && connection
    ? pipelineIdOf(serverIdOf(connection), deploy.origin.jobId)
    : registrationPipelineId(deploy.projectKey, deploy.origin.kind === 'ci' ? deploy.origin.jobId : deploy.origin.pipelineId);
}

/**
 * Sends the deploys and builds a run just stored to Jira, for the projects that chose Jira as
 * their issue integration; one request per project (its data tagged with the project and this
 * connection, so either can be deleted later). Returns what Jira refused, with its reasons, as
 * problems for the sync status; a failure of Jira itself becomes one problem and never fails the
 * sync: the data is stored, and the next change sends it again.
 */
export async function sendToJira(input: JiraDevopsInput, ctx: RunContext, deps: DevopsDeps): Promise<Problem[]> {
  if (input.deploys.length === 0 && input.builds.length === 0) return [];
  const configs = (await ctx.projectConfigs()).filter(sendsToJira);
  if (configs.length === 0) return [];
  const client = new JiraDevopsClient(deps);
  const problems: Problem[] = [];
  try {
    for (const config of configs) {
      const properties = propertiesFor(config.projectKey, input.connection.id);
      await sendDeployments(client, await deploymentsOf(input.deploys, input.connection, config, ctx, problems), properties, ctx, problems);
      const builds = await buildsOf(input, config, ctx);
      for (const batch of batches(builds)) problems.push(...rejectedBuilds(batch, await client.submitBuilds(batch.map((o) => o.item), properties)));
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ jobId: input.connection.name, ...error.toJSON() });
  }
  return problems;
}

/**
 * A deploy registered through the web trigger (src/webtrigger), once it is stored: tagged with its
 * project only, as no connection made it, so switching the project away from Jira deletes it and
 * removing a connection does not. Returns what Jira refused, as sendToJira does.
 */
export async function sendRegisteredDeploy(deploy: Deploy, config: ProjectConfig, deps: DevopsDeps = forgeRuntime(), ctx: RunContext = new RunContext()): Promise<Problem[]> {
  if (!sendsToJira(config)) return [];
  const problems: Problem[] = [];
  try {
    const outgoing = await deploymentsOf([deploy], null, config, ctx, problems);
    await sendDeployments(new JiraDevopsClient(deps), outgoing, propertiesFor(config.projectKey, null), ctx, problems);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ jobId: deploy.pipeline.id, ...error.toJSON() });
  }
  return problems;
}

async function sendDeployments(client: JiraDevopsClient, deployments: Outgoing<JiraDeployment>[], properties: JiraProperties, ctx: RunContext, problems: Problem[]): Promise<void> {
  for (const batch of batches(deployments)) {
    const response = await client.submitDeployments(batch.map((o) => o.item), properties);
    problems.push(...rejectedDeployments(batch, response));
    await dropUnknownKeys(batch, response.unknownIssueKeys ?? [], ctx);
  }
}

/**
 * The repository Jira knows the deploy's commits by: the one its own run built, else any build of
 * its commit that names one. The sync already read the commit's builds for the snapshot, so this
 * costs no read there; a registered deploy costs one query.
 */
async function repositoryOf(deploy: Deploy, ctx: RunContext): Promise<string | undefined> {
  if (!deploy.sha || deploy.commits.length === 0) return undefined;
  const builds = await ctx.buildsOfSha(deploy.sha);
  const origin = deploy.origin;
  const own = origin.kind === 'ci' ? builds.find((b) => b.connectionId === origin.connectionId && b.job.id === origin.jobId && b.number === origin.buildNumber) : undefined;
  const url = own?.repositoryUrl ?? builds.find((b) => b.repositoryUrl)?.repositoryUrl;
  return url && url.length <= JIRA_LIMITS.id ? url : undefined;
}

async function deploymentsOf(deploys: readonly Deploy[], connection: Connection | null, config: ProjectConfig, ctx: RunContext, problems: Problem[]): Promise<Outgoing<JiraDeployment>[]> {
  const outgoing: Outgoing<JiraDeployment>[] = [];
  for (const deploy of deploys.filter((d) => d.projectKey === config.projectKey)) {
    const repositoryId = await repositoryOf(deploy, ctx);
    const mapped = toJiraDeployment(deploy, { pipelineId: deployPipelineId(deploy, connection), projectKey: config.projectKey, repositoryId });
    const jobId = deploy.origin.kind === 'ci' ? deploy.origin.jobId : deploy.origin.pipelineId;
    if ('deployment' in mapped) outgoing.push({ item: mapped.deployment, jobId, deploy });
    else if (mapped.skipped !== 'it links no issue') problems.push(notSent(jobId, `Deploy ${deploy.pipeline.displayName} #${deploy.sequence} to ${deploy.environment.name}`, mapped.skipped));
  }
  // The same run seen through two connections to one server, or twice in a run: one deployment.
  return newestByKey(outgoing, (o) => deploymentKeyText(deploymentKeyOf(o.item)), (o) => o.item.updateSequenceNumber);
}

async function buildsOf(input: JiraDevopsInput, config: ProjectConfig, ctx: RunContext): Promise<Outgoing<JiraBuild>[]> {
  const used = connectionsUsedBy(config).includes(input.connection.id);
  const ours = used ? input.builds.filter((b) => b.connectionId === input.connection.id && countsForProject(config, b)) : [];
  if (ours.length === 0) return [];
  const siteKeys = await ctx.siteProjectKeys();
  const serverId = serverIdOf(input.connection);
  const outgoing: Outgoing<JiraBuild>[] = [];
  for (const build of ours) {
    const issueKeys = issueKeysFor(config, { commits: build.commits, branch: build.branch }, siteKeys);
    const mapped = toJiraBuild(build, { pipelineId: pipelineIdOf(serverId, build.job.id), projectKey: config.projectKey, issueKeys });
    if ('build' in mapped) outgoing.push({ item: mapped.build, jobId: build.job.id });
  }
  return newestByKey(outgoing, (o) => buildKeyText(o.item), (o) => o.item.updateSequenceNumber);
}

function notSent(jobId: string, what: string, why: string): Problem {
  return { jobId, name: 'JiraDeploymentNotSent', message: `${what} was not sent to Jira: ${why}.`, hint: 'It stays in the app; Jira shows only deploys with a link and an issue.' };
}

const REJECTED_HINT = "Jira's reason is quoted above. The app keeps the deploy or build; Jira's Development panel does not show it.";

function rejectedDeployments(batch: readonly Outgoing<JiraDeployment>[], response: SubmitDeploymentsResponse): Problem[] {
  return (response.rejectedDeployments ?? []).map((rejected) => {
    const sent = batch.find((o) => deploymentKeyText(deploymentKeyOf(o.item)) === deploymentKeyText(rejected.key));
    const name = sent ? `${sent.item.displayName} to ${sent.item.environment.displayName}` : `${rejected.key.pipelineId} #${rejected.key.deploymentSequenceNumber}`;
    return {
      jobId: sent?.jobId ?? rejected.key.pipelineId,
      name: 'JiraRejectedDeployment',
      message: `Jira refused deployment ${name}: ${rejected.errors.map((e) => e.message).join('; ') || 'no reason given'}`,
      hint: REJECTED_HINT,
    };
  });
}

function rejectedBuilds(batch: readonly Outgoing<JiraBuild>[], response: SubmitBuildsResponse): Problem[] {
  return (response.rejectedBuilds ?? []).map((rejected) => {
    const sent = batch.find((o) => buildKeyText(o.item) === buildKeyText(rejected.key));
    return {
      jobId: sent?.jobId ?? rejected.key.pipelineId,
      name: 'JiraRejectedBuild',
      message: `Jira refused build ${sent?.item.displayName ?? `${rejected.key.pipelineId} #${rejected.key.buildNumber}`}: ${rejected.errors.map((e) => e.message).join('; ') || 'no reason given'}`,
      hint: REJECTED_HINT,
    };
  });
}

/** Keys Jira does not know are not issues: the app's own links to them go too, so the two agree. */
async function dropUnknownKeys(batch: readonly Outgoing<JiraDeployment>[], unknown: readonly string[], ctx: RunContext): Promise<void> {
  if (unknown.length === 0) return;
  const gone = new Set(unknown.map((k) => k.toUpperCase()));
  for (const { deploy } of batch) {
    if (!deploy || !deploy.issueKeys.some((k) => gone.has(k.toUpperCase()))) continue;
    await ctx.deploys.save({ ...deploy, issueKeys: deploy.issueKeys.filter((k) => !gone.has(k.toUpperCase())) }, deploy);
  }
}
