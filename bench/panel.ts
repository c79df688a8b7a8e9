/**
 * Issue panel bench: 100,000 deploys in storage, a few hundred of them on the measured issue, then
 * the panel's first load (`issuePanel.load`) through the real resolver, SDKs and emulated KVS.
 * Reports the storage reads per load (billed reads: each get, each batch item, each query page)
 * and the 95th percentile of the load's wall time. `npm run bench` (bench/run.ts) calls it.
 *
 * Run alone: npx tsx bench/panel.ts
 */
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { withResolverPlatform } from './resolver-platform';
import type { Deploy } from '../src/domain/deploy';
import { defineIssuePanelResolvers } from '../src/resolvers/issue-panel';
import { ISSUE_PANEL_RESOLVERS } from '../src/shared/contract/issue-panel';
import { DeployStore } from '../src/storage/deploy-store';
import { ENTITY, keys, partitions } from '../src/storage/keys';
import { ProjectConfigStore } from '../src/storage/project-config-store';
import { SyncStateStore } from '../src/storage/sync-state-store';

const TOTAL_DEPLOYS = 100_000;
const ON_MEASURED_ISSUE = 300;
const OTHER_ISSUES = 5_000;
const LOADS = 20;
const MEASURED_ISSUE = 'DEMO-1';
const VIEWER = 'bench-viewer';
const PANEL_MODULE = 'deploy-tracker-issue-panel';
/** 12 deploys (deploy + link each) fill a 25-operation transaction. */
const DEPLOYS_PER_TRANSACTION = 12;
const ENVIRONMENTS = [
  { id: 'production', name: 'Production', type: 'production' },
  { id: 'staging', name: 'Staging', type: 'staging' },
  { id: 'dev', name: 'Dev', type: 'development' },
] as const;

export interface PanelBenchResult {
  readonly kvsReadsPerLoad: number;
  readonly p95Ms: number;
  readonly deploysStored: number;
}

const record = z.record(z.string(), z.unknown());

function benchDeploy(n: number, issueKey: string, startedAt: number): Deploy {
  const sha = (n * 2654435761).toString(16).padStart(8, '0').slice(-8).repeat(5);
  return {
    id: `bench-${n}`,
    projectKey: 'DEMO',
    environment: ENVIRONMENTS[n % ENVIRONMENTS.length] ?? ENVIRONMENTS[0],
    origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId: 'jenkins-1', jobId: 'app/deploy', buildNumber: n },
    pipeline: { id: 'app/deploy', displayName: 'deploy', url: 'https://ci.example.test/job/app/job/deploy/' },
    sequence: n,
    state: n % 9 === 0 ? 'failed' : 'successful',
    sha,
    branch: 'main',
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(startedAt + 180_000).toISOString(),
    url: `https://ci.example.test/job/app/job/deploy/${n}/`,
    trigger: 'Started by an SCM change',
    commits: [{ sha, message: `${issueKey} change number ${n}`, author: 'Bench', timestamp: null }],
    commitsOmitted: 0,
    issueKeys: [issueKey],
    snapshot: [],
  };
}

/**
 * The few hundred deploys of the measured issue go through DeployStore.save, as the sync writes
 * them. The bulk copies the stored shape of one saved deploy and writes it 12 deploys to a
 * transaction through the real @forge/kvs: same entities, indexes and sizes, without the
 * per-deploy change detection that would make setting up the bench take minutes.
 */
async function store(now: number): Promise<number> {
  const deploys = new DeployStore();
  for (let n = 0; n < ON_MEASURED_ISSUE; n++) {
    await deploys.save(benchDeploy(n, MEASURED_ISSUE, now - n * 3_600_000), undefined);
  }
  const template = benchDeploy(ON_MEASURED_ISSUE, 'DEMO-2', now);
  await deploys.save(template, undefined);
  const deployValue = record.parse(await kvs.entity(ENTITY.deploy).get(keys.deploy(template.id)));
  const linkValue = record.parse(await kvs.entity(ENTITY.issueDeploy).get(keys.issueDeploy('DEMO-2', template.id)));
  const deployRecord = record.parse(deployValue['record']);
  const linkSummary = record.parse(linkValue['summary']);

  let written = ON_MEASURED_ISSUE + 1;
  for (let n = written; n < TOTAL_DEPLOYS; n += DEPLOYS_PER_TRANSACTION) {
    const transaction = kvs.transact();
    for (let i = n; i < Math.min(n + DEPLOYS_PER_TRANSACTION, TOTAL_DEPLOYS); i++) {
      const issueKey = `DEMO-${2 + (i % OTHER_ISSUES)}`;
      const id = `bench-${i}`;
      const startedAt = now - i * 60_000;
      const sha = benchDeploy(i, issueKey, startedAt).sha;
      const environment = ENVIRONMENTS[i % ENVIRONMENTS.length] ?? ENVIRONMENTS[0];
      const iso = new Date(startedAt).toISOString();
      transaction.set(
        keys.deploy(id),
        {
          ...deployValue,
          environmentKey: partitions.environment('DEMO', environment.id),
          sha: partitions.sha(sha),
          startedAt,
          record: { ...deployRecord, id, sha, environment, startedAt: iso, sequence: i, issueKeys: [issueKey] },
        },
        { entityName: ENTITY.deploy },
      );
      transaction.set(
        keys.issueDeploy(issueKey, id),
        { ...linkValue, issueKey, startedAt, deployKey: keys.deploy(id), summary: { ...linkSummary, id, sha, environment, startedAt: iso, sequence: i } },
        { entityName: ENTITY.issueDeploy },
      );
      written++;
    }
    await transaction.execute();
  }
  return written;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function runPanelBench(): Promise<PanelBenchResult> {
  return withResolverPlatform(defineIssuePanelResolvers, async (platform) => {
    platform.site.addUser({ accountId: VIEWER, displayName: 'Bench Viewer' });
    platform.site.addProject({ key: 'DEMO', lead: VIEWER, roles: { [VIEWER]: 'viewer' } });
    platform.site.addIssues('DEMO', 3);
    const now = Date.now();
    await new ProjectConfigStore().save({
      schemaVersion: 1,
      projectKey: 'DEMO',
      defaultConnectionId: 'jenkins-1',
      builds: [],
      deploySources: [{ id: 's1', connectionId: 'jenkins-1', job: 'app/deploy', environment: ENVIRONMENTS[0] }],
      issueIntegration: { provider: 'app-only', scanCommitMessages: true, scanBranchNames: true, keyScope: 'any-project' },
      updatedAt: new Date(now).toISOString(),
  });
  await new SyncStateStore().saveStatus({
    schemaVersion: 1,
    connectionId: 'jenkins-1',
    lastRunAt: new Date(now).toISOString(),
    lastSuccessAt: new Date(now).toISOString(),
    durationMs: 1000,
    buildsWritten: 0,
    deploysWritten: 0,
    requests: 1,
    complete: true,
    problems: [],
  });
  const deploysStored = await store(now);

  const readsPerLoad: number[] = [];
  const millis: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    platform.kvs.resetStats();
    const started = performance.now();
    const answer = await platform.app.invokeResolver({
      moduleKey: PANEL_MODULE,
      functionKey: ISSUE_PANEL_RESOLVERS.load,
      accountId: VIEWER,
      extension: { issue: { key: MEASURED_ISSUE, id: '10001' }, project: { key: 'DEMO', id: '10000' } },
    });
    millis.push(performance.now() - started);
    readsPerLoad.push(platform.kvs.stats.reads);
    if (!z.object({ ok: z.literal(true) }).safeParse(answer).success) throw new Error(`the panel failed: ${JSON.stringify(answer)}`);
  }
  return { kvsReadsPerLoad: Math.max(...readsPerLoad), p95Ms: Math.round(percentile(millis, 95)), deploysStored };
  });
}

if (require.main === module) {
  const started = Date.now();
  runPanelBench().then(
    (result) => {
      console.log(`panel bench in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      console.log(JSON.stringify({ panel: result }));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
