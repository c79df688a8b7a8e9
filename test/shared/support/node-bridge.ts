import { EgressConsentStore } from '../../../dev/emulator/egress-consent';
import { EgressBridge, egressOperation } from '../../../dev/server/egress-bridge';

/**
 * `window.__bridge` for page code run under Jest: the real `@forge/bridge` posts its
 * `permissions.egress.*` calls here, and the emulator's own EgressBridge answers them from a
 * consent store that refuses what Forge refuses (10 groups of 10, admins only). Import this
 * before any module that imports `@forge/bridge`: it looks the bridge up when loaded.
 */
export const consent = new EgressConsentStore();
export const bridge = {
  /** Whether the page's user is a site admin (Forge lets only them change egress). */
  siteAdmin: true,
  /** Every bridge call by name, in order. */
  calls: [] as string[],
};

/** Forge pages its groups and documents no page size: answer a few at a time, so callers must page. */
const PAGE = 4;

const egress = new EgressBridge(consent, () => undefined, true);

function answerGet(payload: unknown): unknown {
  const all = egress.handle('get', {}, bridge.siteAdmin) as { results: { key: string }[] };
  const token = typeof payload === 'object' && payload !== null && 'nextPageToken' in payload ? String(payload.nextPageToken) : undefined;
  const start = token === undefined ? 0 : all.results.findIndex((g) => g.key === token) + 1;
  const results = all.results.slice(start, start + PAGE);
  const last = results.at(-1);
  return start + PAGE < all.results.length && last ? { results, lastEvaluatedKey: last.key } : { results };
}

async function callBridge(name: string, payload?: unknown): Promise<unknown> {
  bridge.calls.push(name);
  const operation = egressOperation.parse(name.replace('__permission__egress', '').replace(/^./, (c) => c.toLowerCase()));
  const copied: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
  return operation === 'get' ? answerGet(copied) : egress.handle(operation, copied, bridge.siteAdmin);
}

Object.assign(globalThis, { __bridge: { callBridge } });
