import { readConfigsUsing } from '../connections/usage';
import type { Deploy, SnapshotBuild } from '../domain/deploy';
import type { ProjectConfig } from '../domain/project-config';
import type { Visibility } from '../jira/visibility';
import { ConnectionStore, type ConnectionEntry } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';

const runId = (connectionId: string, jobId: string, number: number) => `${connectionId}\n${jobId}\n${number}`;

/**
 * Which builds of a snapshot are runs of deploys (another environment's deploy of the same commit):
 * they are no verdict on the commit, so they never raise the "deployed before its builds
 * finished" warning.
 */
export function deployRunsOf(deploysOfSha: readonly Pick<Deploy, 'origin'>[]): Set<string> {
  const runs = new Set<string>();
  for (const { origin } of deploysOfSha) {
    if (origin.kind === 'ci') runs.add(runId(origin.connectionId, origin.jobId, origin.buildNumber));
  }
  return runs;
}

export function isDeployRun(runs: ReadonlySet<string>, build: Pick<SnapshotBuild, 'connectionId' | 'job' | 'number'>): boolean {
  return runs.has(runId(build.connectionId, build.job.id, build.number));
}

export interface DrilldownDeps {
  readonly connections: Pick<ConnectionStore, 'get'>;
  readonly configsUsing: (entry: ConnectionEntry) => Promise<ProjectConfig[]>;
}

export function drilldownDeps(): DrilldownDeps {
  const configs = new ProjectConfigStore();
  return { connections: new ConnectionStore(), configsUsing: (entry) => readConfigsUsing(entry, configs) };
}

/**
 * Whether the viewer may open the stages and log of each Jenkins job, asked as the drill-down's own
 * resolver asks (src/resolvers/jenkins-insight.ts: a job of a project whose development data they
 * see), so the panel never offers one that can only be refused. One read of each connection and its
 * projects' settings; Jira is asked once per project by the invocation's Visibility.
 */
export async function drilldownAccess(
  visibility: Pick<Visibility, 'mayReadJob'>,
  jobs: readonly { readonly connectionId: string; readonly jobId: string }[],
  deps: DrilldownDeps = drilldownDeps(),
): Promise<(connectionId: string, jobId: string) => boolean> {
  const allowed = new Set<string>();
  const byConnection = new Map<string, Set<string>>();
  for (const { connectionId, jobId } of jobs) byConnection.set(connectionId, (byConnection.get(connectionId) ?? new Set()).add(jobId));
  await Promise.all(
    [...byConnection].map(async ([connectionId, jobIds]) => {
      const entry = await deps.connections.get(connectionId);
      if (!entry || entry.connection.kind !== 'jenkins') return;
      const configs = await deps.configsUsing(entry);
      const scoped = { id: entry.connection.id, scope: entry.scope };
      for (const jobId of jobIds) {
        if (await visibility.mayReadJob(configs, scoped, jobId)) allowed.add(`${connectionId}\n${jobId}`);
      }
    }),
  );
  return (connectionId, jobId) => allowed.has(`${connectionId}\n${jobId}`);
}
