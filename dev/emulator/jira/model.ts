import type { ProjectRole } from './permission-keys';

/** The records of an emulated Jira site, and what callers give to create them. */

export interface JiraUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress?: string | undefined;
  readonly active: boolean;
  readonly accountType: 'atlassian' | 'app';
}

export interface JiraProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly projectTypeKey: 'software';
  readonly leadAccountId: string;
}

export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly projectId: string;
  summary: string;
  status: string;
  issuetype: string;
  readonly created: number;
  updated: number;
}

export interface NewUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress?: string;
  readonly active?: boolean;
  /** A Jira admin: holds the global ADMINISTER permission. */
  readonly admin?: boolean;
}

export interface NewProject {
  readonly key: string;
  readonly name?: string;
  readonly lead: string;
  readonly description?: string;
  /** Who may do what in the project, e.g. `{ 'admin-1': 'administrator', 'user-1': 'developer' }`. */
  readonly roles?: Readonly<Record<string, ProjectRole>>;
  /**
   * Whether the project's permission scheme grants the app's user (Jira's
   * atlassian-addons-project-access role) access; Jira's default scheme does. Default true.
   */
  readonly appAccess?: boolean;
}

export interface NewIssue {
  /** The project's key. */
  readonly project: string;
  readonly summary?: string;
  readonly status?: string;
  readonly issuetype?: string;
  readonly created?: Date | number;
  readonly updated?: Date | number;
}

/** Who a Jira request acts as: the app's user (sees the projects that grant it access, site.ts) or a user. */
export type Actor = { readonly type: 'app' } | { readonly type: 'user'; readonly user: JiraUser };

export const APP_ACTOR: Actor = { type: 'app' };
