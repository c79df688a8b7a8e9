/**
 * How the app spends customer-managed egress, decided in one place for the admin pages.
 * Forge keeps at most 10 egress groups per installation and 10 domains per group, and only a
 * site administrator may change them:
 * https://developer.atlassian.com/platform/forge/customer-managed-egress-and-remotes/
 * https://developer.atlassian.com/platform/forge/apis-reference/customer-managed-egress-and-remotes-api/
 * Pure: the page reads the groups with `permissions.egress.get`, asks for a plan, and carries it
 * out with `set`, `deleteDomain` or `deleteGroup`.
 */
import { egressGroupKey } from './contract/connections';

export const MAX_EGRESS_GROUPS = 10;
export const MAX_DOMAINS_PER_GROUP = 10;
/** Every group this app creates starts with it, so it never touches another feature's groups. */
export const APP_GROUP_PREFIX = 'ci-server';

export interface EgressGroup {
  readonly key: string;
  readonly description: string;
  readonly domains: readonly string[];
}

export type ConsentPlan =
  /** A group already allows the domain: ask nobody again. */
  | { readonly kind: 'allowed'; readonly key: string }
  /** `set` this group, whole (a set replaces the group's domains). */
  | { readonly kind: 'set'; readonly group: EgressGroup }
  /** No room left: say so, and what to remove. */
  | { readonly kind: 'full'; readonly message: string };

export type ReleasePlan =
  | { readonly kind: 'keep' }
  | { readonly kind: 'deleteGroup'; readonly key: string }
  | { readonly kind: 'deleteDomain'; readonly key: string; readonly domain: string };

const SHARED_DESCRIPTION = 'CI servers read by Deploy Tracker';

/**
 * Where a new server's address goes: a group that already allows it; else a group of its own
 * while fewer than 10 groups exist (so removing one server never rewrites another's consent);
 * else the app's group with the most room; else nowhere, with a message naming the limit.
 */
export function planConsent(groups: readonly EgressGroup[], domain: string, serverName: string): ConsentPlan {
  const holder = groups.find((g) => g.domains.includes(domain));
  if (holder) return { kind: 'allowed', key: holder.key };
  if (groups.length < MAX_EGRESS_GROUPS) {
    return { kind: 'set', group: { key: egressGroupKey(domain), description: `CI server "${serverName}" read by Deploy Tracker`, domains: [domain] } };
  }
  const roomy = groups
    .filter((g) => g.key.startsWith(APP_GROUP_PREFIX) && g.domains.length < MAX_DOMAINS_PER_GROUP)
    .sort((a, b) => a.domains.length - b.domains.length)[0];
  if (roomy) return { kind: 'set', group: { key: roomy.key, description: SHARED_DESCRIPTION, domains: [...roomy.domains, domain] } };
  const used = groups.reduce((sum, g) => sum + g.domains.length, 0);
  return {
    kind: 'full',
    message:
      `Forge lets an app reach at most ${MAX_EGRESS_GROUPS} groups of ${MAX_DOMAINS_PER_GROUP} customer-approved addresses, ` +
      `and this site's ${used} addresses leave no room for ${domain}. Remove a connection to a server you no longer use, ` +
      'or point two connections at the same address, then add this one again.',
  };
}

/**
 * What to withdraw when a connection goes: nothing while another connection still uses the
 * address; else the whole group when the address is all it holds, or just the address.
 */
export function planRelease(groups: readonly EgressGroup[], domain: string, stillUsed: boolean): ReleasePlan {
  if (stillUsed) return { kind: 'keep' };
  const holder = groups.find((g) => g.key.startsWith(APP_GROUP_PREFIX) && g.domains.includes(domain));
  if (!holder) return { kind: 'keep' };
  return holder.domains.length === 1 ? { kind: 'deleteGroup', key: holder.key } : { kind: 'deleteDomain', key: holder.key, domain };
}

/**
 * What a project admin, who may not approve addresses, is told to ask for: Forge lets only site
 * administrators change an app's egress.
 */
export function siteAdminRequest(domain: string, serverName: string): string {
  return (
    `Only a Jira site administrator can allow Deploy Tracker to connect to ${domain}. Ask one to open ` +
    `Settings > Apps > Deploy Tracker, add the connection "${serverName}" with the address ${domain} ` +
    '(or test an existing connection to it) and choose Allow when Jira asks. Once it is allowed, this project can use it.'
  );
}
