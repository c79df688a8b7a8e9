/**
 * Domains a site admin consented to through customer-managed egress
 * (`permissions.egress.set` in `@forge/bridge`). Forge keeps them per installation.
 *
 * Fidelity. Enforced: at most 10 egress groups per installation and 10 domains per group; a
 * change that would pass either limit is refused whole, so a refused `set` leaves every group as
 * it was. Only domains consented with the `FETCH_BACKEND_SIDE` type open backend `fetch`.
 * https://developer.atlassian.com/platform/forge/customer-managed-egress-and-remotes/
 * https://developer.atlassian.com/platform/forge/apis-reference/customer-managed-egress-and-remotes-api/
 */
export const MAX_EGRESS_GROUPS = 10;
export const MAX_DOMAINS_PER_GROUP = 10;
export const BACKEND_EGRESS = 'FETCH_BACKEND_SIDE';

export interface ConsentedDomain {
  readonly domain: string;
  /** Forge's egress types (`FETCH_BACKEND_SIDE`, `FETCH_CLIENT_SIDE`, `IMAGES`, ...). */
  readonly types: readonly string[];
}

export interface ConsentedEgress {
  readonly key: string;
  readonly description: string;
  /** A bare string is a backend domain, the only kind the emulator's tests usually need. */
  readonly domains: readonly (string | ConsentedDomain)[];
}

/** A consent change Forge would refuse: more groups or more domains than it keeps. */
export class EgressLimitExceeded extends Error {
  override readonly name = 'EgressLimitExceeded';
}

function normalised(domain: string | ConsentedDomain): ConsentedDomain {
  return typeof domain === 'string' ? { domain, types: [BACKEND_EGRESS] } : domain;
}

export class EgressConsentStore {
  private readonly groups = new Map<string, ConsentedEgress>();

  set(group: ConsentedEgress): void {
    this.setAll([group]);
  }

  /** Saves every group or none: the limits are checked on the result of the whole change. */
  setAll(groups: readonly ConsentedEgress[]): void {
    const next = new Map(this.groups);
    for (const group of groups) next.set(group.key, group);
    check(next);
    this.groups.clear();
    for (const [key, group] of next) this.groups.set(key, group);
  }

  deleteGroup(key: string): void {
    this.groups.delete(key);
  }

  deleteDomain(key: string, domain: string): void {
    const group = this.groups.get(key);
    if (group) this.groups.set(key, { ...group, domains: group.domains.filter((d) => normalised(d).domain !== domain) });
  }

  list(): { key: string; description: string; domains: ConsentedDomain[] }[] {
    return [...this.groups.values()].map((g) => ({ key: g.key, description: g.description, domains: g.domains.map(normalised) }));
  }

  /** Domains backend `fetch` may reach. */
  domains(): string[] {
    return this.list().flatMap((g) => g.domains.filter((d) => d.types.includes(BACKEND_EGRESS)).map((d) => d.domain));
  }

  /** Replaces every group, as a saved consent file is read back; refused whole past the limits. */
  load(groups: readonly ConsentedEgress[]): void {
    const next = new Map(groups.map((g) => [g.key, g] as const));
    check(next);
    this.groups.clear();
    for (const [key, group] of next) this.groups.set(key, group);
  }
}

function check(groups: ReadonlyMap<string, ConsentedEgress>): void {
  if (groups.size > MAX_EGRESS_GROUPS) {
    throw new EgressLimitExceeded(
      `An app can have at most ${MAX_EGRESS_GROUPS} egress groups per installation; this change would make ${groups.size}. Delete a group the app no longer needs first.`,
    );
  }
  for (const group of groups.values()) {
    const distinct = new Set(group.domains.map((d) => normalised(d).domain));
    if (distinct.size > MAX_DOMAINS_PER_GROUP) {
      throw new EgressLimitExceeded(
        `An egress group can hold at most ${MAX_DOMAINS_PER_GROUP} domains; group "${group.key}" would hold ${distinct.size}.`,
      );
    }
  }
}
