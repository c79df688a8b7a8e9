import { newInvocation, runInInvocation } from '../../../dev/emulator/invocation';
import type { JiraSite } from '../../../dev/emulator/jira/site';

/** A Jira admin, administrator of DEMO. */
export const ADMIN = 'acc-admin';
/** A developer of DEMO, no admin rights anywhere. */
export const DEV = 'acc-dev';
/** A viewer of OPS only: DEMO is invisible to them. */
export const OUTSIDER = 'acc-outsider';
/** Known to the site but in no project. */
export const NOBODY = 'acc-nobody';

/** DEMO (DEMO-1..30) and OPS (OPS-1..3), with the users above. */
export function seedSite(site: JiraSite): void {
  site.addUser({ accountId: ADMIN, displayName: 'Ada Admin', emailAddress: 'ada@example.com', admin: true });
  site.addUser({ accountId: DEV, displayName: 'Dev Eloper', emailAddress: 'dev@example.com' });
  site.addUser({ accountId: OUTSIDER, displayName: 'Otto Outsider' });
  site.addUser({ accountId: NOBODY, displayName: 'No Body' });
  site.addProject({ key: 'DEMO', name: 'Demo project', lead: ADMIN, roles: { [ADMIN]: 'administrator', [DEV]: 'developer' } });
  site.addProject({ key: 'OPS', name: 'Operations', lead: OUTSIDER, roles: { [OUTSIDER]: 'viewer' } });
  site.addIssues('DEMO', 30, { created: Date.UTC(2026, 0, 1) });
  site.addIssues('OPS', 3, { created: Date.UTC(2026, 1, 1), status: 'In Progress' });
}

/** Runs `fn` inside a resolver-like invocation of `accountId` (none for a trigger-like one). */
export function inInvocation<T>(accountId: string | undefined, fn: () => Promise<T>): Promise<T> {
  const invocation = newInvocation({ functionKey: 'test-function', moduleKey: 'test-module', timeoutMs: 25_000, accountId }, Date.now);
  return runInInvocation(invocation, fn);
}

/** The JSON body of a response (@forge/api types its responses with its own interface). */
export async function bodyOf(response: { text(): Promise<string> }): Promise<unknown> {
  const text = await response.text();
  return text === '' ? undefined : JSON.parse(text);
}
