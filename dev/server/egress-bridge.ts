import { z } from 'zod';
import { EgressLimitExceeded, type EgressConsentStore } from '../emulator/egress-consent';
import { HttpError } from './http';

// Forge's egress types, as @forge/egress declares them (the bridge's `EgressType`).
const egressType = z.enum(['FETCH_BACKEND_SIDE', 'FETCH_CLIENT_SIDE', 'FONTS', 'FRAMES', 'IMAGES', 'MEDIA', 'SCRIPTS', 'STYLES']);
const setPayload = z.object({
  egresses: z
    .array(
      z.object({
        key: z.string().min(1),
        description: z.string(),
        configured: z.array(z.object({ domain: z.string().min(1), type: z.array(egressType).min(1) })).min(1),
      }),
    )
    .min(1),
});
const getPayload = z.object({ keys: z.array(z.string()).optional() }).default({});
const deleteGroupPayload = z.object({ key: z.string() });
const deleteDomainPayload = z.object({ key: z.string(), domain: z.string() });

export const egressOperation = z.enum(['get', 'set', 'deleteDomain', 'deleteGroup']);
export type EgressOperation = z.infer<typeof egressOperation>;

/**
 * `permissions.egress.*` of `@forge/bridge` (it posts `__permission__egressSet` and friends with
 * the payload as given), answered from the platform's consent store. As the API page says, `set`
 * "requires the user to be an administrator otherwise the Promise will reject"; the emulator holds
 * the deletes to the same rule and refuses a change past Forge's limits (10 groups per
 * installation, 10 domains per group) whole. A refusal reaches the app as a rejected promise,
 * never as a value. https://developer.atlassian.com/platform/forge/apis-reference/customer-managed-egress-and-remotes-api/
 */
export class EgressBridge {
  constructor(
    private readonly store: EgressConsentStore,
    private readonly onChange: () => void,
    /** `permissions.external.configurable.enabled` of the manifest: without it every egress call fails. */
    private readonly enabled: boolean,
  ) {}

  handle(operation: EgressOperation, payload: unknown, isJiraAdmin: boolean): unknown {
    if (!this.enabled) {
      throw new HttpError(400, 'Customer-managed egress is not enabled for this app: set permissions.external.configurable.enabled to true in manifest.yml.');
    }
    if (operation === 'get') {
      const { keys } = getPayload.parse(payload ?? {});
      return { results: this.results(keys) };
    }
    if (!isJiraAdmin) throw new HttpError(403, 'Only a site administrator can change the domains this app may connect to.');
    switch (operation) {
      case 'set': {
        const { egresses } = setPayload.parse(payload);
        try {
          this.store.setAll(
            egresses.map((group) => ({ key: group.key, description: group.description, domains: group.configured.map((c) => ({ domain: c.domain, types: c.type })) })),
          );
        } catch (error) {
          if (error instanceof EgressLimitExceeded) throw new HttpError(400, error.message);
          throw error;
        }
        this.onChange();
        return { results: this.results(egresses.map((g) => g.key)) };
      }
      case 'deleteDomain': {
        const { key, domain } = deleteDomainPayload.parse(payload);
        this.store.deleteDomain(key, domain);
        this.onChange();
        return undefined;
      }
      case 'deleteGroup': {
        this.store.deleteGroup(deleteGroupPayload.parse(payload).key);
        this.onChange();
        return undefined;
      }
    }
  }

  private results(keys: readonly string[] | undefined): unknown[] {
    return this.store
      .list()
      .filter((group) => !keys || keys.includes(group.key))
      .map((group) => ({
        key: group.key,
        description: group.description,
        configured: group.domains.map((d) => ({ domain: d.domain, type: [...d.types] })),
      }));
  }
}

/** Whether the manifest turns customer-managed egress on (`permissions.external.configurable.enabled: true`). */
export function configurableEgressEnabled(external: unknown): boolean {
  const parsed = z.object({ configurable: z.object({ enabled: z.boolean() }) }).safeParse(external);
  return parsed.success && parsed.data.configurable.enabled;
}
