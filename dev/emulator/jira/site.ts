import {
  PROJECT_ROLES,
  type GlobalPermissionKey,
  type ProjectPermissionKey,
  type ProjectRole,
} from './permission-keys';
import { DevopsStore } from './devops-store';
import type { Actor, JiraIssue, JiraProject, JiraUser, NewIssue, NewProject, NewUser } from './model';

export { APP_ACTOR } from './model';
export type { Actor, JiraIssue, JiraProject, JiraUser, NewIssue, NewProject, NewUser } from './model';

// Jira's own key rule (FORGE_FACTS.md): a letter, then letters, digits or underscores.
const PROJECT_KEY = /^\p{Lu}[\p{Lu}\p{Nd}_]{1,9}$/u;

/**
 * The data of one emulated Jira site: users, projects, issues and who may do what.
 * Seeding a site takes a few lines:
 *
 *     const site = new JiraSite();
 *     site.addUser({ accountId: 'admin-1', displayName: 'Ada Admin', admin: true });
 *     site.addUser({ accountId: 'user-1', displayName: 'Uma User' });
 *     site.addProject({ key: 'DEMO', name: 'Demo', lead: 'admin-1', roles: { 'admin-1': 'administrator', 'user-1': 'viewer' } });
 *     site.addIssues('DEMO', 30);
 */
export class JiraSite {
  readonly baseUrl: string;
  /** The app's own account, which `asApp()` calls act as. */
  readonly appUser: JiraUser = {
    accountId: '557058:f0e1d2c3-b4a5-4968-8776-655443322110',
    displayName: 'Deploy Tracker',
    active: true,
    accountType: 'app',
  };
  /** Deployments and builds the app sent through Jira Software's devops APIs (routes/devops.ts). */
  readonly devops = new DevopsStore();
  private readonly clock: () => number;
  private readonly usersById = new Map<string, JiraUser>();
  private readonly globalGrants = new Map<string, Set<GlobalPermissionKey>>();
  private readonly projectsById = new Map<string, JiraProject>();
  /** projectId -> accountId -> permissions. */
  private readonly projectGrants = new Map<string, Map<string, Set<ProjectPermissionKey>>>();
  private readonly issuesById = new Map<string, JiraIssue>();
  private readonly issuesByKey = new Map<string, JiraIssue>();
  private readonly issueCounters = new Map<string, number>();
  /** Projects whose permission scheme grants the app's user access. */
  private readonly appGrantedProjects = new Set<string>();
  /** When the app user's grants take effect: install time plus Jira's delay. */
  private appGrantsFrom = Number.NEGATIVE_INFINITY;
  private nextProjectId = 10000;
  private nextIssueId = 10000;

  constructor(options: { baseUrl?: string; clock?: () => number } = {}) {
    this.baseUrl = options.baseUrl ?? 'https://jira.example.test';
    this.clock = options.clock ?? Date.now;
  }

  addUser(init: NewUser): JiraUser {
    if (this.usersById.has(init.accountId)) throw new Error(`JiraSite already has a user "${init.accountId}"`);
    const user: JiraUser = {
      accountId: init.accountId,
      displayName: init.displayName,
      emailAddress: init.emailAddress,
      active: init.active ?? true,
      accountType: 'atlassian',
    };
    this.usersById.set(user.accountId, user);
    // Jira's default scheme lets every licensed user browse users; admins also administer Jira.
    this.globalGrants.set(user.accountId, new Set<GlobalPermissionKey>(init.admin ? ['USER_PICKER', 'ADMINISTER'] : ['USER_PICKER']));
    return user;
  }

  addProject(init: NewProject): JiraProject {
    const key = init.key.toUpperCase();
    if (!PROJECT_KEY.test(key)) throw new Error(`"${init.key}" is not a valid Jira project key (2-10 letters, digits or _)`);
    if (this.project(key)) throw new Error(`JiraSite already has a project "${key}"`);
    this.requireUser(init.lead);
    const project: JiraProject = {
      id: String(this.nextProjectId++),
      key,
      name: init.name ?? key,
      description: init.description ?? '',
      projectTypeKey: 'software',
      leadAccountId: init.lead,
    };
    this.projectsById.set(project.id, project);
    this.projectGrants.set(project.id, new Map());
    for (const [accountId, role] of Object.entries(init.roles ?? {})) this.grantRole(accountId, key, role);
    if (init.appAccess ?? true) this.appGrantedProjects.add(project.id);
    return project;
  }

  addIssue(init: NewIssue): JiraIssue {
    const project = this.requireProject(init.project);
    const number = (this.issueCounters.get(project.id) ?? 0) + 1;
    this.issueCounters.set(project.id, number);
    const created = init.created === undefined ? this.clock() : Number(init.created);
    const issue: JiraIssue = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${number}`,
      projectId: project.id,
      summary: init.summary ?? `Issue ${number} of ${project.name}`,
      status: init.status ?? 'To Do',
      issuetype: init.issuetype ?? 'Task',
      created,
      updated: init.updated === undefined ? created : Number(init.updated),
    };
    this.issuesById.set(issue.id, issue);
    this.issuesByKey.set(issue.key, issue);
    return issue;
  }

  /** Adds `count` issues to a project, each created a minute after the previous one. */
  addIssues(projectKey: string, count: number, template: Omit<NewIssue, 'project'> = {}): JiraIssue[] {
    const start = template.created === undefined ? this.clock() - count * 60_000 : Number(template.created);
    return Array.from({ length: count }, (_, i) =>
      this.addIssue({ ...template, project: projectKey, created: start + i * 60_000, updated: start + i * 60_000 }),
    );
  }

  grant(accountId: string, projectKey: string, ...permissions: ProjectPermissionKey[]): this {
    this.requireUser(accountId);
    const grants = this.grantsOf(this.requireProject(projectKey));
    const held = grants.get(accountId) ?? new Set<ProjectPermissionKey>();
    for (const permission of permissions) held.add(permission);
    grants.set(accountId, held);
    return this;
  }

  grantRole(accountId: string, projectKey: string, role: ProjectRole): this {
    return this.grant(accountId, projectKey, ...PROJECT_ROLES[role]);
  }

  revoke(accountId: string, projectKey: string, ...permissions: ProjectPermissionKey[]): this {
    const held = this.grantsOf(this.requireProject(projectKey)).get(accountId);
    for (const permission of permissions) held?.delete(permission);
    return this;
  }

  grantGlobal(accountId: string, ...permissions: GlobalPermissionKey[]): this {
    this.requireUser(accountId);
    const held = this.globalGrants.get(accountId) ?? new Set<GlobalPermissionKey>();
    for (const permission of permissions) held.add(permission);
    this.globalGrants.set(accountId, held);
    return this;
  }

  revokeGlobal(accountId: string, ...permissions: GlobalPermissionKey[]): this {
    for (const permission of permissions) this.globalGrants.get(accountId)?.delete(permission);
    return this;
  }

  /**
   * Installs the app at `at` (now by default). `asApp()` sees only projects whose permission schemes
   * grant the app's user access, and those grants arrive some minutes after install; the docs give
   * no figure, so the delay is a parameter (5 minutes by default). Until `installApp` is called the
   * app counts as installed long ago. https://developer.atlassian.com/platform/forge/runtime-reference/authorize-api/
   */
  installApp(options: { at?: number; grantDelayMs?: number } = {}): this {
    this.appGrantsFrom = (options.at ?? this.clock()) + (options.grantDelayMs ?? 5 * 60_000);
    return this;
  }

  /** A project admin takes the app's role out of the project's permission scheme. */
  revokeAppAccess(projectKey: string): this {
    this.appGrantedProjects.delete(this.requireProject(projectKey).id);
    return this;
  }

  grantAppAccess(projectKey: string): this {
    this.appGrantedProjects.add(this.requireProject(projectKey).id);
    return this;
  }

  /** Whether `asApp()` can use the project now: its scheme grants the app, and the grant has arrived. */
  appCanAccess(project: JiraProject): boolean {
    return this.appGrantedProjects.has(project.id) && this.clock() >= this.appGrantsFrom;
  }

  user(accountId: string): JiraUser | undefined {
    if (accountId === this.appUser.accountId) return this.appUser;
    return this.usersById.get(accountId);
  }

  users(): JiraUser[] {
    return [...this.usersById.values()];
  }

  /** A project by id, or by key in any case (Jira's lookups ignore case). */
  project(idOrKey: string): JiraProject | undefined {
    const byId = this.projectsById.get(idOrKey);
    if (byId) return byId;
    const key = idOrKey.toUpperCase();
    return this.projects().find((p) => p.key === key);
  }

  projects(): JiraProject[] {
    return [...this.projectsById.values()];
  }

  /** An issue by id, or by key in any case. */
  issue(idOrKey: string): JiraIssue | undefined {
    const byId = this.issuesById.get(idOrKey);
    if (byId) return byId;
    return this.issuesByKey.get(idOrKey.toUpperCase());
  }

  issues(): JiraIssue[] {
    return [...this.issuesById.values()];
  }

  hasGlobalPermission(actor: Actor, permission: GlobalPermissionKey): boolean {
    if (actor.type === 'app') return true;
    return this.globalGrants.get(actor.user.accountId)?.has(permission) ?? false;
  }

  /** Jira admins may administer every project, whatever the project's permission scheme says. */
  hasProjectPermission(actor: Actor, project: JiraProject, permission: ProjectPermissionKey): boolean {
    if (actor.type === 'app') return this.appCanAccess(project);
    if (permission === 'ADMINISTER_PROJECTS' && this.hasGlobalPermission(actor, 'ADMINISTER')) return true;
    return this.grantsOf(project).get(actor.user.accountId)?.has(permission) ?? false;
  }

  /** Whether the actor can see the project itself (project search and get): browse, administer it, or be a Jira admin. */
  canViewProject(actor: Actor, project: JiraProject): boolean {
    return (
      this.hasProjectPermission(actor, project, 'BROWSE_PROJECTS') ||
      this.hasProjectPermission(actor, project, 'ADMINISTER_PROJECTS')
    );
  }

  /** Whether the actor can see the project's issues: Browse Projects only. */
  canBrowse(actor: Actor, project: JiraProject): boolean {
    return this.hasProjectPermission(actor, project, 'BROWSE_PROJECTS');
  }

  projectOf(issue: JiraIssue): JiraProject {
    const project = this.projectsById.get(issue.projectId);
    if (!project) throw new Error(`Issue ${issue.key} belongs to no project: the site's data is inconsistent`);
    return project;
  }

  private grantsOf(project: JiraProject): Map<string, Set<ProjectPermissionKey>> {
    const grants = this.projectGrants.get(project.id);
    if (!grants) throw new Error(`Project ${project.key} has no permission scheme: the site's data is inconsistent`);
    return grants;
  }

  private requireUser(accountId: string): JiraUser {
    const user = this.usersById.get(accountId);
    if (!user) throw new Error(`JiraSite has no user "${accountId}": add it with addUser() first`);
    return user;
  }

  private requireProject(key: string): JiraProject {
    const project = this.project(key);
    if (!project) throw new Error(`JiraSite has no project "${key}": add it with addProject() first`);
    return project;
  }
}
