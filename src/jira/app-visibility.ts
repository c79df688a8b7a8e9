import { DomainError } from '../domain/errors';
import { siteProjectKeys } from './projects';

/**
 * What `asApp()` can see of the site's projects. Jira answers the app's user as it answers any
 * user: a project whose permission scheme does not grant it is missing, as if it did not exist,
 * and right after install every project is missing until the grants arrive.
 * https://developer.atlassian.com/platform/forge/runtime-reference/authorize-api/
 */
export interface ProjectVisibility {
  /** False while the app sees no project at all: the grants of a new install have not arrived. */
  readonly ready: boolean;
  /** The projects asked about that the app cannot see, in the order asked. */
  readonly unseen: string[];
}

export const UNSEEN_PROJECT_HINT =
  'If Deploy Tracker was installed in the last few minutes, wait a few minutes and reload: Jira grants a new app its ' +
  "access a little after install. Otherwise ask a Jira admin to grant the app's user, Deploy Tracker, the Browse projects " +
  "permission in the project's permission scheme (Project settings > Permissions).";

/** The app sees no project yet: an answer to wait for, never a site without projects. */
export class ProjectsNotVisibleYet extends DomainError {
  override readonly name = 'ProjectsNotVisibleYet';
  constructor() {
    super('Jira shows Deploy Tracker no project yet, so it cannot tell which issue keys are real.', UNSEEN_PROJECT_HINT);
  }
}

/** Which of `projectKeys` the app cannot see; an empty list from Jira means "not ready", not "none". */
export async function projectVisibility(projectKeys: readonly string[], load: () => Promise<string[]> = siteProjectKeys): Promise<ProjectVisibility> {
  const seen = new Set((await load()).map((k) => k.toUpperCase()));
  return { ready: seen.size > 0, unseen: [...new Set(projectKeys)].filter((k) => !seen.has(k.toUpperCase())) };
}

/**
 * The site's project keys for code that must not read "none yet" as "none": the sync would
 * otherwise plan every deploy without issue links, and drop every project's configuration.
 */
export async function readySiteProjectKeys(): Promise<string[]> {
  const keys = await siteProjectKeys();
  if (keys.length === 0) throw new ProjectsNotVisibleYet();
  return keys;
}
