import type { ProviderKind } from './build';

/**
 * Which stored deploys are one real deploy. A deploy record is per connection, so the same CI run
 * synced through two connections to one server is stored twice; the run itself is the server, the
 * job and the run number (and the environment it went to). The server is the origin of the URL the
 * CI reported for the run: Jenkins, Buildkite and CircleCI build those URLs from their own
 * configured address, whatever address a connection used to ask. Runs of different CIs, or of
 * different servers of one CI, stay apart even when job names and numbers agree.
 */
export interface DeployIdentityInput {
  readonly id: string;
  readonly environment: { readonly id: string };
  /** Null for a deploy registered through the web trigger. */
  readonly provider: ProviderKind | null;
  readonly pipeline: { readonly id: string; readonly url: string | null };
  readonly sequence: number;
  readonly url: string | null;
}

/** `https://ci.example.com` for any URL on that server; null for no URL or one that does not parse. */
export function serverOriginOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
  } catch {
    return null;
  }
}

/**
 * The key two records of one real deploy share. Without a server origin (no URL, or a registered
 * deploy) nothing proves two records are one run, so the record stands alone under its own id.
 */
export function realDeployKey(deploy: DeployIdentityInput): string {
  const server = deploy.provider ? (serverOriginOf(deploy.url) ?? serverOriginOf(deploy.pipeline.url)) : null;
  if (!server || !deploy.provider) return `record\n${deploy.id}`;
  return ['run', deploy.provider, server, deploy.pipeline.id, String(deploy.sequence), deploy.environment.id].join('\n');
}

/** One real deploy and how many stored records (connections) it was seen through. */
export interface RealDeploy<T> {
  readonly key: string;
  readonly deploy: T;
  readonly records: number;
}

/**
 * Stored records folded into real deploys, in the order of each deploy's first record. Of the
 * records of one run the first wins (the newest, as the panel lists them), and the others only
 * count towards `records`.
 */
export function realDeploys<T extends DeployIdentityInput>(records: readonly T[]): RealDeploy<T>[] {
  const byKey = new Map<string, { key: string; deploy: T; records: number }>();
  const seenIds = new Set<string>();
  for (const record of records) {
    // The same record twice (pages overlap when a deploy changed between them) is still one record.
    if (seenIds.has(record.id)) continue;
    seenIds.add(record.id);
    const key = realDeployKey(record);
    const found = byKey.get(key);
    if (found) found.records += 1;
    else byKey.set(key, { key, deploy: record, records: 1 });
  }
  return [...byKey.values()];
}
