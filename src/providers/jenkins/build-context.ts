import type { JenkinsClient } from './client';
import type { JenkinsBuildContext } from './map-build';
import { branchHintOf, jobRefFromPath, type JenkinsJob } from './map-jobs';

/**
 * What mapping a job's builds needs to know about the job, by one rule for the sync and the
 * insight capabilities: its ref, and for a branch job of a multibranch project the branch it builds
 * (its name), which names the branch even of a build that never checked anything out.
 */
export function contextOfJob(connectionId: string, job: Pick<JenkinsJob, 'ref' | 'path' | 'parentClassName'>): JenkinsBuildContext {
  return { connectionId, job: job.ref, branchHint: branchHintOf(job) };
}

/**
 * The same for a job known only by its path: the sync's walk saw the parent's class, a lone read
 * asks for it (one small request; none for a job at the top level).
 */
export async function contextOfPath(client: JenkinsClient, connectionId: string, path: readonly string[]): Promise<JenkinsBuildContext> {
  const parent = path.slice(0, -1);
  const parentClassName = parent.length ? ((await client.itemClass(parent)).data._class ?? null) : null;
  return contextOfJob(connectionId, { ref: jobRefFromPath(client.baseUrl, path), path, parentClassName });
}
