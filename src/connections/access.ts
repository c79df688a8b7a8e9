import { ownedByProject, servesProject, type ConnectionScope } from '../domain/connection-scope';
import type { CallerContext } from '../forge/caller';
import { ForbiddenError } from '../jira/errors';
import { requireJiraAdmin, requireProjectAdmin } from '../jira/permissions';
import type { ConnectionEntry } from '../storage/connection-store';

/**
 * Where connections are managed: the admin page (site-wide, Jira admins) or one project's
 * settings page (that project's admins, for the connections scoped to it). The page and its
 * project come from the Forge context of the call.
 */
export type ConnectionPage = { readonly kind: 'site' } | { readonly kind: 'project'; readonly projectKey: string };

export function pageOf(caller: CallerContext): ConnectionPage {
  if (caller.moduleType === 'jira:adminPage') return { kind: 'site' };
  if (caller.moduleType === 'jira:projectSettingsPage' && caller.projectKey) return { kind: 'project', projectKey: caller.projectKey };
  throw new ForbiddenError('CI connections are managed on the Deploy Tracker admin page or on a project settings page.');
}

/** The caller's account once Jira confirms they administer this page's scope. */
export async function requirePageAdmin(caller: CallerContext, page: ConnectionPage): Promise<string> {
  return page.kind === 'site' ? requireJiraAdmin(caller.accountId) : requireProjectAdmin(caller.accountId, page.projectKey);
}

export function scopeOf(page: ConnectionPage): ConnectionScope {
  return page.kind === 'site' ? { kind: 'site' } : { kind: 'project', projectKey: page.projectKey };
}

/** A project sees the site's connections and its own; the admin page sees them all. */
export function isVisible(entry: ConnectionEntry, page: ConnectionPage): boolean {
  return page.kind === 'site' || servesProject(entry.scope, page.projectKey);
}

/** Jira admins manage every connection on the admin page; project admins only their project's. */
export function canManage(entry: ConnectionEntry, page: ConnectionPage): boolean {
  return page.kind === 'site' || ownedByProject(entry.scope, page.projectKey);
}

export function requireManageable(entry: ConnectionEntry, page: ConnectionPage): void {
  if (!canManage(entry, page)) {
    throw new ForbiddenError(`"${entry.connection.name}" is a site-wide connection: only Jira admins can change it, on the Deploy Tracker admin page.`);
  }
}
