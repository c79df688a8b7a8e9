import { AUTHORS } from '../shared/messages';
import { iso } from '../shared/periodic';
import { hash32, payloadUuid, pick, readPayloadUuid, uuid } from '../shared/random';
import type { CircleCiModel, PipelineRun, ProjectState, WorkflowRun } from './model';

/**
 * CircleCI API v2 bodies, shaped on the recorded pipeline, workflow and job items and the
 * `next_page_token` envelope. Ids carry what they name (see `payloadUuid`), so a pipeline,
 * workflow or job is found from its id without a lookup table.
 */

const KIND = { pipeline: '0', workflow: '1', job: '2' } as const;

export function idOf(seed: number, kind: keyof typeof KIND, project: number, number: number, sub = 0): string {
  const payload = `${KIND[kind]}${project.toString(16).padStart(3, '0')}${number.toString(16).padStart(6, '0')}${sub.toString(16).padStart(2, '0')}`;
  return payloadUuid(seed, payload);
}

export function readId(seed: number, id: string): { kind: string; project: number; number: number; sub: number } | null {
  const payload = readPayloadUuid(seed, id);
  if (!payload) return null;
  return { kind: payload.slice(0, 1), project: parseInt(payload.slice(1, 4), 16), number: parseInt(payload.slice(4, 10), 16), sub: parseInt(payload.slice(10), 16) };
}

/** CircleCI's servers pretty-print with Jackson: `"key" : value`. */
export function jackson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*"(?:[^"\\]|\\.)*"):/gm, '$1 :');
}

function repoOf(model: CircleCiModel, slug: string): string {
  const [, org = 'demo-org', repo = 'repo'] = slug.split('/');
  return model.remotes.circleci(org, repo);
}

export function pipelineBody(model: CircleCiModel, run: PipelineRun): Record<string, unknown> {
  const { seed, commits } = model.world;
  const commit = commits.get(run.commit);
  const slug = run.project.spec.slug;
  const deploy = run.project.spec.feed.kind === 'deploys';
  const actor = deploy ? pick(AUTHORS, seed, 'cci-actor', run.number) : commit.author;
  return {
    id: idOf(seed, 'pipeline', run.project.index, run.number),
    errors: [],
    project_slug: slug,
    updated_at: iso(run.created),
    number: run.number,
    ...(deploy ? { trigger_parameters: { git: { checkout_sha: commit.sha, branch: 'main' }, circleci: { event_type: 'api' } } } : {}),
    state: 'created',
    created_at: iso(run.created),
    trigger: { received_at: iso(run.created - 180), type: run.trigger, actor: { login: actor.login, avatar_url: `https://avatars.example.com/u/${hash32(actor.login)}?v=4` } },
    vcs: {
      origin_repository_url: repoOf(model, slug),
      target_repository_url: repoOf(model, slug),
      revision: commit.sha,
      provider_name: 'GitHub',
      commit: { body: commit.body, subject: commit.subject },
      branch: deploy ? 'main' : commit.branch,
    },
  };
}

export function workflowBody(model: CircleCiModel, run: PipelineRun, workflow: WorkflowRun, now: number): Record<string, unknown> {
  const { seed } = model.world;
  return {
    pipeline_id: idOf(seed, 'pipeline', run.project.index, run.number),
    id: idOf(seed, 'workflow', run.project.index, run.number, workflow.index),
    name: workflow.name,
    project_slug: run.project.spec.slug,
    status: workflow.status,
    started_by: uuid(seed, 'cci-user', run.trigger),
    pipeline_number: run.number,
    created_at: iso(workflow.created),
    stopped_at: now >= workflow.stopped ? iso(workflow.stopped) : null,
  };
}

const JOBS: Record<string, readonly string[]> = { 'build-and-test': ['install', 'test', 'build'], lint: ['lint'], deploy: ['deploy'] };

export function jobsBody(model: CircleCiModel, run: PipelineRun, workflow: WorkflowRun, now: number): Record<string, unknown>[] {
  const { seed } = model.world;
  const names = JOBS[workflow.name] ?? ['build'];
  const share = (workflow.stopped - workflow.created) / names.length;
  const failed = workflow.status === 'failed';
  const ids = names.map((_, i) => idOf(seed, 'job', run.project.index, run.number, workflow.index * 16 + i));
  return names.map((name, i) => {
    const start = Math.round(workflow.created + i * share);
    const stop = Math.round(start + share);
    const status = now < start ? 'blocked' : now < stop ? 'running' : failed && i === names.length - 1 ? 'failed' : 'success';
    return {
      dependencies: i > 0 ? [ids[i - 1]] : [],
      job_number: run.number * 4 + workflow.index * 3 + i,
      id: ids[i],
      started_at: now >= start ? iso(start) : null,
      name,
      project_slug: run.project.spec.slug,
      status,
      type: 'build',
      ...(now >= stop ? { stopped_at: iso(stop) } : {}),
    };
  });
}

export function projectBody(model: CircleCiModel, project: ProjectState): Record<string, unknown> {
  const { seed } = model.world;
  const [, org = 'demo-org', name = 'repo'] = project.spec.slug.split('/');
  return {
    slug: project.spec.slug,
    organization_name: org,
    organization_id: uuid(seed, 'cci-org', org),
    name,
    id: uuid(seed, 'cci-project', project.spec.slug),
    organization_slug: project.spec.slug.split('/').slice(0, 2).join('/'),
    vcs_info: { vcs_url: repoOf(model, project.spec.slug), default_branch: 'main', provider: 'GitHub' },
  };
}

export function meBody(seed: number): Record<string, unknown> {
  return { name: 'Demo User', login: 'demo-user', id: uuid(seed, 'cci-user', 'me') };
}

/** Opaque page tokens that name the next pipeline number to list. */
export function pageToken(seed: number, project: number, before: number): string {
  return Buffer.from(`${hash32(seed, 'token', project, before).toString(36)}.${project}.${before}`).toString('base64url');
}

export function readPageToken(seed: number, token: string): { project: number; before: number } | null {
  const [check, project, before] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const p = Number(project);
  const b = Number(before);
  return Number.isInteger(p) && Number.isInteger(b) && check === hash32(seed, 'token', p, b).toString(36) ? { project: p, before: b } : null;
}
