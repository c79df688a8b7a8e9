import type { IncomingMessage } from 'node:http';
import type { JiraSite, JiraUser } from '../emulator/jira/site';
import { parseCookies } from './http';

export const USER_COOKIE = 'forge_emulator_user';
export const THEME_COOKIE = 'forge_emulator_theme';

export type ColorMode = 'light' | 'dark';

/** Who is looking at a host page, and in which theme. Chosen with the switchers in the page header. */
export interface Session {
  readonly user: JiraUser;
  readonly colorMode: ColorMode;
  readonly isJiraAdmin: boolean;
}

export function isJiraAdmin(site: JiraSite, user: JiraUser): boolean {
  return site.hasGlobalPermission({ type: 'user', user }, 'ADMINISTER');
}

/** The signed-in user: the cookie's, else the first Jira admin, as a developer usually starts as one. */
export function sessionOf(req: IncomingMessage, site: JiraSite): Session {
  const cookies = parseCookies(req.headers.cookie);
  const users = site.users().filter((u) => u.active);
  const chosen = users.find((u) => u.accountId === cookies.get(USER_COOKIE));
  const user = chosen ?? users.find((u) => isJiraAdmin(site, u)) ?? users[0];
  if (!user) throw new Error('The emulated Jira site has no users: seed it first (dev/demo/seed.ts)');
  return {
    user,
    colorMode: cookies.get(THEME_COOKIE) === 'dark' ? 'dark' : 'light',
    isJiraAdmin: isJiraAdmin(site, user),
  };
}

/** A one-line role description for the user switcher. */
export function roleOf(site: JiraSite, user: JiraUser): string {
  if (isJiraAdmin(site, user)) return 'Jira admin';
  const actor = { type: 'user' as const, user };
  const administers = site.projects().filter((p) => site.hasProjectPermission(actor, p, 'ADMINISTER_PROJECTS'));
  if (administers.length > 0) return `admin of ${administers.map((p) => p.key).join(', ')}`;
  return 'no admin rights';
}
