import { z } from 'zod';
import type { EgressConsentStore } from '../emulator/egress-consent';
import { HttpError } from './http';

const setPayload = z.object({
  egresses: z
    .array(
      z.object({
        key: z.string().min(1),
        description: z.string(),
        configured: z.array(z.object({ domain: z.string().min(1), type: z.array(z.string()) })),
      }),
    )
    .min(1),
});
const getPayload = z.object({ keys: z.array(z.string()).optional() }).default({});
const deleteGroupPayload = z.object({ key: z.string() });
const deleteDomainPayload = z.object({ key: z.string(), domain: z.string() });

export const egressOperation = z.enum(['get', 'set', 'deleteDomain', 'deleteGroup']);
export type EgressOperation = z.infer<typeof egressOperation>;

// The emulator enforces backend egress only, so every consented domain is reported as that type.
const BACKEND = 'FETCH_BACKEND_SIDE';

/**
 * `permissions.egress.*` of `@forge/bridge`, answered from the platform's consent store. Changing
 * consents is for Jira admins only, as on a real site; the host page asks the person first.
 */
export class EgressBridge {
  constructor(
    private readonly store: EgressConsentStore,
    private readonly onChange: () => void,
  ) {}

  handle(operation: EgressOperation, payload: unknown, isJiraAdmin: boolean): unknown {
    if (operation === 'get') {
      const { keys } = getPayload.parse(payload ?? {});
      return { results: this.results(keys) };
    }
    if (!isJiraAdmin) throw new HttpError(403, 'Only a Jira admin can change which domains the app may reach.');
    switch (operation) {
      case 'set': {
        const { egresses } = setPayload.parse(payload);
        for (const group of egresses) {
          this.store.set({ key: group.key, description: group.description, domains: group.configured.map((c) => c.domain) });
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
        configured: group.domains.map((domain) => ({ domain, type: [BACKEND] })),
      }));
  }
}
