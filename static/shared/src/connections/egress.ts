import { permissions } from '@forge/bridge';
// @forge/bridge's own dependency, and where the type of a consented domain is declared.
import { EgressType } from '@forge/egress';
import { planConsent, planRelease, siteAdminRequest, type EgressGroup } from '../../../../src/shared/egress-plan';

/** Why the app may not (yet) reach an address; the form offers to save the connection anyway. */
export abstract class EgressProblem extends Error {
  abstract readonly title: string;
  abstract readonly hint: string;
  constructor(
    readonly domain: string,
    message: string,
  ) {
    super(message);
  }
}

/** A site admin was asked and Jira did not allow the address (declined, or Forge refused the change). */
export class EgressRefused extends EgressProblem {
  override readonly name = 'EgressRefused';
  readonly title = 'Jira did not allow the address';
  readonly hint: string;
  constructor(domain: string) {
    super(domain, `Forge was not allowed to connect to ${domain}.`);
    this.hint = `The app can only reach ${domain} once a site admin chooses Allow in the dialog Jira shows.`;
  }
}

/** Forge's 10 groups of 10 addresses are used up: nothing was asked of anyone. */
export class EgressLimitReached extends EgressProblem {
  override readonly name = 'EgressLimitReached';
  readonly title = 'No room for another address';
  readonly hint = '';
  constructor(domain: string, message: string) {
    super(domain, message);
  }
}

/** The caller may not approve addresses (Forge lets site admins only): what to ask one for. */
export class EgressNeedsSiteAdmin extends EgressProblem {
  override readonly name = 'EgressNeedsSiteAdmin';
  readonly title = 'A site admin must allow this address';
  readonly hint = 'You can save the connection now; it syncs once the address is allowed.';
  constructor(domain: string, serverName: string) {
    super(domain, siteAdminRequest(domain, serverName));
  }
}

/** Forge answers pages of groups; this many pages is far past its 10 groups. */
const MAX_PAGES = 20;

interface GroupsRead {
  readonly groups: EgressGroup[];
  /** The egress types each domain was allowed for, so rewriting a shared group keeps them. */
  readonly types: ReadonlyMap<string, EgressType[]>;
}

/** Every egress group of the installation, all pages; anyone may read them. */
async function readGroups(): Promise<GroupsRead> {
  const groups: EgressGroup[] = [];
  const types = new Map<string, EgressType[]>();
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await permissions.egress.get(nextPageToken === undefined ? {} : { nextPageToken });
    for (const group of answer.results) {
      groups.push({ key: group.key, description: group.description, domains: group.configured.map((c) => c.domain) });
      for (const c of group.configured) types.set(`${group.key} ${c.domain}`, [...c.type]);
    }
    nextPageToken = answer.lastEvaluatedKey;
    if (!nextPageToken) break;
  }
  return { groups, types };
}

/**
 * Returns whether consent was given just now (true) or was already there (false), so a test that
 * then finds nothing answering at the address can take a typo's consent back at once.
 *
 * Customer-managed egress, spent as src/shared/egress-plan.ts decides: nothing when a group already
 * allows the address; for a site admin, Jira's consent dialog (`permissions.egress.set`) for the
 * group the plan names; for anyone else, the text to ask a site admin with, and no call at all.
 */
export async function ensureEgress(domain: string, serverName: string, siteAdmin: boolean): Promise<boolean> {
  let read: GroupsRead;
  try {
    read = await readGroups();
  } catch {
    // Unknown: a site admin is asked for a group of the address's own, which Forge refuses whole past its limits.
    read = { groups: [], types: new Map() };
  }
  const plan = planConsent(read.groups, domain, serverName);
  if (plan.kind === 'allowed') return false;
  if (plan.kind === 'full') throw new EgressLimitReached(domain, plan.message);
  if (!siteAdmin) throw new EgressNeedsSiteAdmin(domain, serverName);
  const { group } = plan;
  try {
    await permissions.egress.set({
      egresses: [
        {
          key: group.key,
          description: group.description,
          configured: group.domains.map((d) => ({ domain: d, type: read.types.get(`${group.key} ${d}`) ?? [EgressType.FetchBackendSide] })),
        },
      ],
    });
  } catch {
    throw new EgressRefused(domain);
  }
  return true;
}

/**
 * Withdraws the consent for a removed connection's address once no connection uses it: the
 * address alone from a shared group, the group when it held nothing else; never another feature's group.
 */
export async function releaseEgress(domain: string, stillUsed: boolean): Promise<void> {
  if (stillUsed) return;
  try {
    const plan = planRelease((await readGroups()).groups, domain, false);
    if (plan.kind === 'deleteGroup') await permissions.egress.deleteGroup({ key: plan.key });
    if (plan.kind === 'deleteDomain') await permissions.egress.deleteDomain({ key: plan.key, domain: plan.domain, type: EgressType.FetchBackendSide });
  } catch {
    // Only site admins may; a left-over consent lets the app reach a host nobody configured, nothing more.
  }
}
