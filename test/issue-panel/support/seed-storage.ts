/**
 * Development aid, never part of `npm start`: writes a few deploys for DEMO-1 into a throw-away
 * KVS file, so the panel can be looked at before the demo's CI servers produce deploys.
 *
 *   npx tsx test/issue-panel/support/seed-storage.ts /tmp/panel-dev/forge-kvs.sqlite
 *   FORGE_EMULATOR_STORAGE=/tmp/panel-dev/forge-kvs.sqlite PORT=8090 npx tsx dev/start.ts
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Platform } from '../../../dev/emulator/platform';
import type { Build } from '../../../src/domain/build';
import { buildSnapshot } from '../../../src/domain/deploy';
import type { Environment } from '../../../src/domain/environment';
import { BuildStore } from '../../../src/storage/build-store';
import { DeployStore } from '../../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../../src/storage/project-config-store';
import { recordStatus } from '../../../src/sync/status';
import { aBuild, aDeploy } from '../../support/builders';
import { aFailedSync, aProjectConfig } from './builders';

const ENVIRONMENTS: readonly Environment[] = [
  { id: 'production', name: 'Production', type: 'production' },
  { id: 'staging', name: 'Staging', type: 'staging' },
  { id: 'dev', name: 'Dev', type: 'development' },
];
const HOUR = 3600_000;

function sha(n: number): string {
  return createHash('sha1').update(String(n)).digest('hex');
}

/** A Jenkins build that passed before the deploy, and a Buildkite one that failed or was still running. */
function buildsOf(commit: string, n: number, startedAt: number, failing: boolean): Build[] {
  const at = (ms: number) => new Date(ms).toISOString();
  const minutes = failing ? 3 : 50;
  return [
    aBuild({ number: 100 + n, sha: commit, startedAt: at(startedAt), finishedAt: at(startedAt + 6 * 60_000), durationMs: 6 * 60_000 }),
    aBuild({
      provider: 'buildkite',
      connectionId: 'buildkite-1',
      job: { id: 'web-app', displayName: 'web-app', url: 'http://127.0.0.1:9/web-app', folderPath: [] },
      number: 2040 + n,
      sha: commit,
      state: failing ? 'failed' : 'successful',
      startedAt: at(startedAt),
      finishedAt: at(startedAt + minutes * 60_000),
      durationMs: minutes * 60_000,
      url: `http://127.0.0.1:9/web-app/builds/${2040 + n}`,
    }),
  ];
}

export async function seedPanelStorage(file: string, now = Date.now()): Promise<void> {
  const platform = new Platform({ appRoot: path.resolve(__dirname, '../../..'), storageFile: file, localMode: true });
  platform.install();
  const deploys = new DeployStore();
  const builds = new BuildStore();
  await new ProjectConfigStore().save(aProjectConfig({ builds: [{ connectionId: 'buildkite-1', jobs: [] }] }));
  await recordStatus(aFailedSync('buildkite-1'));
  for (let i = 0; i < 26; i++) {
    const environment = ENVIRONMENTS[i % 3] ?? ENVIRONMENTS[0];
    if (!environment) continue;
    const startedAt = now - (26 - i) * 5 * HOUR;
    const commit = sha(i + 1);
    const commitBuilds = buildsOf(commit, i, startedAt - 40 * 60_000, i % 4 === 1);
    await builds.write(commitBuilds);
    const deploy = aDeploy({
      id: `seed-${i}`,
      environment,
      sequence: 40 + i,
      state: i === 25 ? 'in_progress' : i % 7 === 3 ? 'failed' : 'successful',
      sha: commit,
      branch: i % 2 ? 'main' : 'release/2026.11',
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: i === 25 ? null : new Date(startedAt + 3 * 60_000).toISOString(),
      url: `http://127.0.0.1:9/job/app/job/deploy/${40 + i}/`,
      trigger: i % 2 ? 'Started by user Ada Admin' : 'Started by an SCM change',
      issueKeys: ['DEMO-1'],
      commits: [
        { sha: commit, message: `DEMO-1 keep the basket page under 2 s (${i})`, author: 'Ada Admin', timestamp: new Date(startedAt - HOUR).toISOString() },
        { sha: sha(1000 + i), message: 'Bump the payment client to 4.2', author: 'Priya Lead', timestamp: new Date(startedAt - 2 * HOUR).toISOString() },
      ],
      snapshot: buildSnapshot(new Date(startedAt).toISOString(), commitBuilds, ['jenkins-1', 'buildkite-1']),
    });
    await deploys.save(deploy, undefined);
  }
  platform.close();
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: seed-storage.ts <kvs file>');
  void seedPanelStorage(path.resolve(file)).then(() => console.log(`seeded ${file}`));
}
