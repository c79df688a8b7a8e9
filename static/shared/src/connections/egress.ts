import { permissions } from '@forge/bridge';
// @forge/bridge's own dependency, and where the type of a consented domain is declared.
import { EgressType } from '@forge/egress';
import { egressGroupKey } from '../../../../src/shared/contract/connections';

export class EgressRefused extends Error {
  override readonly name = 'EgressRefused';
  constructor(readonly domain: string) {
    super(`Forge was not allowed to connect to ${domain}.`);
  }
}

async function alreadyAllowed(key: string, domain: string): Promise<boolean> {
  try {
    const { results } = await permissions.egress.get({ keys: [key] });
    return results.some((group) => group.configured.some((c) => c.domain === domain));
  } catch {
    // Unknown: asking again is harmless, the admin simply sees the same domain a second time.
    return false;
  }
}

/**
 * Customer-managed egress: before the app first reaches a self-hosted server, a Jira admin
 * consents to its address in Jira's own dialog (`permissions.egress.set`). One group per
 * address, so consenting to one server never rewrites another's consent.
 */
export async function ensureEgress(domain: string, connectionName: string): Promise<void> {
  const key = egressGroupKey(domain);
  if (await alreadyAllowed(key, domain)) return;
  try {
    await permissions.egress.set({
      egresses: [
        {
          key,
          description: `CI server "${connectionName}" read by Deploy Tracker`,
          configured: [{ domain, type: [EgressType.FetchBackendSide] }],
        },
      ],
    });
  } catch {
    throw new EgressRefused(domain);
  }
}

/** Withdraws the consent for an address no remaining connection uses. */
export async function releaseEgress(domain: string): Promise<void> {
  try {
    await permissions.egress.deleteGroup({ key: egressGroupKey(domain) });
  } catch {
    // Only Jira admins may; a left-over consent lets the app reach a host nobody configured, nothing more.
  }
}
