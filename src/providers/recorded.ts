import { z } from 'zod';
import type { Build, ProviderKind } from '../domain/build';
import { DEFAULT_API_BASE_URL } from '../domain/connection';
import { mapBuildkiteBuild } from './buildkite/map';
import { buildSchema as buildkiteBuild } from './buildkite/wire';
import { mapCircleCiPipeline } from './circleci/map';
import { pipelineSchema, workflowSchema, type WireWorkflow } from './circleci/wire';
import { mapJenkinsBuild } from './jenkins/map-build';
import { jobRefFromBuild } from './jenkins/map-jobs';
import { recordedBuildSchema as jenkinsBuild, recordedJobSchema as jobBuildsSchema } from './jenkins/wire';

/**
 * Builds from one recorded API answer, as the sync would map them: the `inspect` command's engine.
 * Throws a plain Error naming what the file was expected to hold.
 */
export function buildsFromRecording(provider: ProviderKind, recording: unknown, extra: readonly unknown[] = []): Build[] {
  const connectionId = 'inspect';
  if (provider === 'jenkins') return jenkinsBuilds(recording, connectionId);
  if (provider === 'buildkite') {
    const list = Array.isArray(recording) ? recording : [recording];
    return expect(z.array(buildkiteBuild), list, 'a Buildkite build or list of builds').map((b) => mapBuildkiteBuild(b, connectionId));
  }
  const pipelines = expect(z.union([z.object({ items: z.array(pipelineSchema) }), pipelineSchema]), recording, 'a CircleCI pipeline or list of pipelines');
  const workflows = extra.flatMap((file) => workflowsIn(file));
  return ('items' in pipelines ? pipelines.items : [pipelines]).map((p) =>
    mapCircleCiPipeline(
      p,
      workflows.filter((w) => w.pipeline_id === p.id),
      { connectionId, apiBaseUrl: DEFAULT_API_BASE_URL.circleci },
    ),
  );
}

function jenkinsBuilds(recording: unknown, connectionId: string): Build[] {
  if (recording !== null && typeof recording === 'object' && 'number' in recording) {
    const build = expect(jenkinsBuild, recording, 'a Jenkins build');
    return [mapJenkinsBuild(build, { connectionId, job: jobRefFromBuild(build) })];
  }
  const job = expect(jobBuildsSchema, recording, 'a Jenkins build, or a job with builds');
  const builds = job.builds ?? job.allBuilds;
  if (!builds) throw new Error('This Jenkins answer has no builds: expected a build, or a job with builds or allBuilds.');
  const name = job.name ?? 'unknown job';
  return builds.map((b) => mapJenkinsBuild(b, { connectionId, job: { id: name, displayName: name, url: job.url ?? null, folderPath: [] } }));
}

const workflowsFile = z.union([z.object({ items: z.array(workflowSchema) }), workflowSchema]);

function workflowsIn(file: unknown): WireWorkflow[] {
  const parsed = expect(workflowsFile, file, 'CircleCI workflows (a workflow or list of workflows)');
  return 'items' in parsed ? parsed.items : [parsed];
}

function expect<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Expected ${what}; at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
}
