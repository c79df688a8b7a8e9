import { kvs, Sort } from '@forge/kvs';
import type { DeploySource } from '../src/domain/deploy-source';
import { globMatches } from '../src/domain/glob';
import { BuildStore } from '../src/storage/build-store';
import { ENTITY, INDEX } from '../src/storage/keys';
import { SyncStateStore } from '../src/storage/sync-state-store';
import { CONNECTIONS } from './setup';
import type { BuildRef } from './stand-ins-protocol';

export interface Check {
  readonly expected: number;
  readonly found: number;
  readonly ok: boolean;
  readonly detail?: string;
}

/** Deploys stored for a project: one count, paged by the by-project index. */
export async function countDeploys(projectKey: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    let query = kvs.entity(ENTITY.deploy).query().index(INDEX.deploysByProject, { partition: [projectKey] }).sort(Sort.ASC).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    count += page.results.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** Builds written by the last sync of each connection, from the statuses the settings page reads. */
export async function buildsWritten(): Promise<number> {
  const statuses = await new SyncStateStore().statuses(Object.values(CONNECTIONS));
  return statuses.reduce((sum, s) => sum + s.buildsWritten, 0);
}

/** Every expected build stored, and no more written than expected: nothing lost, nothing twice. */
export async function checkBuilds(expected: readonly BuildRef[]): Promise<Check> {
  const store = new BuildStore();
  const missing: BuildRef[] = [];
  for (const ref of expected) {
    const [kind, jobId, number] = ref;
    if (!(await store.get(CONNECTIONS[kind], jobId, number))) missing.push(ref);
  }
  const written = await buildsWritten();
  const ok = missing.length === 0 && written === expected.length;
  return {
    expected: expected.length,
    found: expected.length - missing.length,
    ok,
    ...(ok ? {} : { detail: `${written} written; missing ${missing.length}, e.g. ${JSON.stringify(missing.slice(0, 3))}` }),
  };
}

/** Deploys: one per expected run of a deploy source. */
export function expectedDeploys(expected: readonly BuildRef[], sources: readonly DeploySource[]): number {
  return expected.filter(([kind, jobId]) => sources.some((s) => s.connectionId === CONNECTIONS[kind] && globMatches(s.job, jobId))).length;
}
