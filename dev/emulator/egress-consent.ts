/**
 * Domains a site admin consented to through customer-managed egress
 * (`permissions.egress.set` in `@forge/bridge`). Forge keeps them per installation.
 */
export interface ConsentedEgress {
  readonly key: string;
  readonly description: string;
  readonly domains: readonly string[];
}

export class EgressConsentStore {
  private readonly groups = new Map<string, ConsentedEgress>();

  set(group: ConsentedEgress): void {
    this.groups.set(group.key, group);
  }

  deleteGroup(key: string): void {
    this.groups.delete(key);
  }

  deleteDomain(key: string, domain: string): void {
    const group = this.groups.get(key);
    if (group) this.groups.set(key, { ...group, domains: group.domains.filter((d) => d !== domain) });
  }

  list(): ConsentedEgress[] {
    return [...this.groups.values()];
  }

  domains(): string[] {
    return this.list().flatMap((g) => g.domains);
  }

  load(groups: readonly ConsentedEgress[]): void {
    this.groups.clear();
    for (const group of groups) this.groups.set(group.key, group);
  }
}
