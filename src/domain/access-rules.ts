import type { Commit } from './build';
import { servesProject } from './connection-scope';
import type { ScopedConnection } from './connection-usage';
import { globMatches } from './glob';
import type { ProjectConfig } from './project-config';

/**
 * The one statement of which project a piece of CI data belongs to. Who may see it follows from
 * that and from Jira's own permissions on those projects (src/jira/visibility.ts asks Jira); no
 * other module decides ownership on its own.
 *
 * A job on a project's own connection belongs to that project: nobody else can use the connection.
 * A job on a site-wide connection belongs to the projects whose deploy sources or build selection
 * name it on that connection, by full name or glob. An empty build selection counts every job as
 * a build for the sync but names none here, so a catch-all default never hands every job of a
 * shared Jenkins to every project's viewers; a project wanting all of them writes `**`.
 */
export function namesJob(config: ProjectConfig, connection: ScopedConnection, jobId: string): boolean {
  if (!servesProject(connection.scope, config.projectKey)) return false;
  if (connection.scope.kind === 'project') return true;
  const sources = config.deploySources.some((s) => s.connectionId === connection.id && globMatches(s.job, jobId));
  const selected = config.builds.some((b) => b.connectionId === connection.id && b.jobs.some((pattern) => globMatches(pattern, jobId)));
  return sources || selected;
}

/** The projects a job of the connection belongs to, in the configurations' order. */
export function projectsOfJob(configs: readonly ProjectConfig[], connection: ScopedConnection, jobId: string): string[] {
  const projects = configs.filter((config) => namesJob(config, connection, jobId)).map((config) => config.projectKey);
  if (connection.scope.kind === 'project' && !projects.includes(connection.scope.projectKey)) projects.unshift(connection.scope.projectKey);
  return projects;
}

/**
 * The projects that own at least one job of the connection: its own project, or those whose
 * settings name a job on it. Someone who may see none of them has nothing to read there.
 */
export function projectsWithJobsOn(configs: readonly ProjectConfig[], connection: ScopedConnection): string[] {
  if (connection.scope.kind === 'project') return [connection.scope.projectKey];
  const names = (config: ProjectConfig) =>
    config.deploySources.some((s) => s.connectionId === connection.id) ||
    config.builds.some((b) => b.connectionId === connection.id && b.jobs.length > 0);
  return configs.filter(names).map((config) => config.projectKey);
}

/** A deploy belongs to the project it was recorded for, whatever issues of other projects it links. */
export function projectsOfDeploy(deploy: { readonly projectKey: string }): string[] {
  return [deploy.projectKey];
}

/** Something that carries commits: a deploy, or a build with the projects its job belongs to. */
export interface CommitCarrier {
  readonly projects: readonly string[];
  readonly sha: string | null;
  readonly commits: readonly Pick<Commit, 'sha'>[];
}

/** A commit belongs to the projects of the builds and deploys that carry it (built it or list it). */
export function projectsOfCommit(sha: string, carriers: readonly CommitCarrier[]): string[] {
  const wanted = sha.toLowerCase();
  const carries = (c: CommitCarrier) => c.sha?.toLowerCase() === wanted || c.commits.some((commit) => commit.sha.toLowerCase() === wanted);
  return [...new Set(carriers.filter(carries).flatMap((c) => c.projects))];
}

/** The project part of an issue key, as the key itself spells it. */
export function projectOfIssueKey(issueKey: string): string {
  const dash = issueKey.lastIndexOf('-');
  return dash > 0 ? issueKey.slice(0, dash) : issueKey;
}

/**
 * Which issue keys a project's deploys may link: its own, unless its admin chose to link issues of
 * other projects too (issue integration settings).
 */
export function linksOtherProjects(config: Pick<ProjectConfig, 'issueIntegration'>): boolean {
  return config.issueIntegration.keyScope === 'any-project';
}

/** What a response about a project's deploy may say of its issue keys: only the project's own. */
export function ownIssueKeys(projectKey: string, issueKeys: readonly string[]): string[] {
  return issueKeys.filter((key) => projectOfIssueKey(key) === projectKey);
}
