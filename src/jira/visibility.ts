import { projectsOfJob } from '../domain/access-rules';
import type { ScopedConnection } from '../domain/connection-usage';
import type { ProjectConfig } from '../domain/project-config';
import { myPermissions } from './permissions';

/**
 * "May this user see X", answered from Jira's own permissions. Jira is asked as the invocation's
 * user (`asUser()` with no account id), once per project per invocation: a `Visibility` lives for
 * one invocation and is never kept in module state, since a warm process serves other users and
 * sites next. Which project X belongs to comes from src/domain/access-rules.ts.
 *
 * Seeing a project's CI data (deploy details, commits, builds, logs) takes what Jira's own
 * Development panel takes: Browse Projects and View Development Tools on that project.
 */
export interface ProjectAccess {
  readonly browse: boolean;
  readonly developmentTools: boolean;
  readonly administer: boolean;
}

const PROJECT_PERMISSIONS = ['BROWSE_PROJECTS', 'VIEW_DEV_TOOLS', 'ADMINISTER_PROJECTS', 'ADMINISTER'] as const;
const NO_ACCESS: ProjectAccess = { browse: false, developmentTools: false, administer: false };

/** Projects asked about at once; Jira's rate limits are per user and app. */
const PARALLEL_CHECKS = 8;

export type PermissionQuery = (query: Record<string, string>, keys: readonly string[]) => Promise<Record<string, boolean>>;

export class Visibility {
  private readonly projects = new Map<string, Promise<ProjectAccess>>();
  private jiraAdmin: Promise<boolean> | undefined;

  constructor(
    /** From the Forge context; without one nobody is asked and nothing is visible. */
    readonly accountId: string | undefined,
    private readonly ask: PermissionQuery = myPermissions,
  ) {}

  /** The caller's permissions on one project (a project they cannot see answers all false). */
  project(projectKey: string): Promise<ProjectAccess> {
    if (!this.accountId) return Promise.resolve(NO_ACCESS);
    let access = this.projects.get(projectKey);
    if (!access) {
      access = this.ask({ projectKey }, PROJECT_PERMISSIONS).then((p) => ({
        browse: p['BROWSE_PROJECTS'] === true,
        developmentTools: p['VIEW_DEV_TOOLS'] === true,
        administer: p['ADMINISTER_PROJECTS'] === true || p['ADMINISTER'] === true,
      }));
      // A failed check is not remembered, so a later question asks again rather than repeating it.
      access.catch(() => this.projects.delete(projectKey));
      this.projects.set(projectKey, access);
    }
    return access;
  }

  isJiraAdmin(): Promise<boolean> {
    if (!this.accountId) return Promise.resolve(false);
    this.jiraAdmin ??= this.ask({}, ['ADMINISTER']).then((p) => p['ADMINISTER'] === true);
    return this.jiraAdmin;
  }

  /** Deploy details, commits, builds and logs of the project: Browse Projects and View Development Tools. */
  async seesDevelopmentOf(projectKey: string): Promise<boolean> {
    const access = await this.project(projectKey);
    return access.browse && access.developmentTools;
  }

  /** Administer Projects there, or Administer Jira. */
  async administers(projectKey: string): Promise<boolean> {
    return (await this.project(projectKey)).administer;
  }

  /** Which of the projects the caller sees the development data of, asked a few at a time. */
  async developmentVisible(projectKeys: Iterable<string>): Promise<Set<string>> {
    const keys = [...new Set(projectKeys)];
    const visible = new Set<string>();
    for (let i = 0; i < keys.length; i += PARALLEL_CHECKS) {
      const batch = keys.slice(i, i + PARALLEL_CHECKS);
      const answers = await Promise.all(batch.map((key) => this.seesDevelopmentOf(key)));
      batch.forEach((key, j) => answers[j] && visible.add(key));
    }
    return visible;
  }

  /** Whether the caller sees the development data of any of the projects, stopping at the first. */
  async seesAnyOf(projectKeys: readonly string[]): Promise<boolean> {
    for (const key of new Set(projectKeys)) if (await this.seesDevelopmentOf(key)) return true;
    return false;
  }

  /** A job (and its builds, stages and log) is readable when it belongs to a project the caller sees. */
  async mayReadJob(configs: readonly ProjectConfig[], connection: ScopedConnection, jobId: string): Promise<boolean> {
    return this.seesAnyOf(projectsOfJob(configs, connection, jobId));
  }
}
