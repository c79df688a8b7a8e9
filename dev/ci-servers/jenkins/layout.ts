import { DEMO_FEATURE_BRANCHES, type DeployEnvironment } from '../shared/world';
import { MAIN } from '../shared/commits';

/**
 * Which jobs a stand-in Jenkins has and where their builds come from:
 *  - `commits`: a build of every commit on one branch (a multibranch branch job);
 *  - `deploys`: a run per deploy of the world's plan to one environment;
 *  - `periodic`: a fixed history of builds of the newest main commit at each time;
 *  - `scripted`: only the builds a test adds (`JenkinsScript`).
 */
export type Feed =
  | { readonly kind: 'commits'; readonly branch: string }
  | { readonly kind: 'deploys'; readonly environment: DeployEnvironment }
  | { readonly kind: 'periodic'; readonly builds: number; readonly timer?: boolean }
  | { readonly kind: 'scripted' };

export interface JobSpec {
  readonly type: 'job';
  readonly name: string;
  readonly pipeline: boolean;
  readonly feed: Feed;
  readonly description?: string;
  /** The `ENV` parameter of a deploy job. */
  readonly env?: string;
  /** Pipeline job on a Jenkins without the Pipeline Stage View plugin: `wfapi` is 404. */
  readonly noStageView?: boolean;
  /** Size of every build's console log (lazily generated). */
  readonly logBytes?: number;
  /** Pipelines that also load a shared library record a second git BuildData. */
  readonly sharedLibrary?: boolean;
}

export interface FolderSpec {
  readonly type: 'folder' | 'multibranch' | 'organization';
  readonly name: string;
  readonly description?: string;
  readonly children: readonly ItemSpec[];
}

export type ItemSpec = JobSpec | FolderSpec;

export const FOLDER_CLASS = {
  folder: 'com.cloudbees.hudson.plugins.folder.Folder',
  multibranch: 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject',
  organization: 'jenkins.branch.OrganizationFolder',
} as const;

const branchJob = (branch: string): JobSpec => ({
  type: 'job',
  // Multibranch projects name branch jobs with the branch URL-encoded.
  name: encodeURIComponent(branch),
  pipeline: true,
  feed: { kind: 'commits', branch },
});

export const HUGE_LOG_BYTES = 50 * 1024 * 1024;

/** The demo Jenkins: every job kind the app meets, a folder tree three levels deep, two deploy jobs. */
export function demoLayout(featureBranches: readonly string[] = DEMO_FEATURE_BRANCHES): ItemSpec[] {
  const periodic = (name: string, builds: number, pipeline: boolean, extra: Partial<JobSpec> = {}): JobSpec => ({
    type: 'job',
    name,
    pipeline,
    feed: { kind: 'periodic', builds },
    ...extra,
  });
  return [
    {
      type: 'folder',
      name: 'shop',
      description: 'The web shop',
      children: [{ type: 'multibranch', name: 'storefront', description: 'Storefront (multibranch)', children: [MAIN, ...featureBranches].map(branchJob) }],
    },
    { type: 'job', name: 'deploy-staging', pipeline: false, env: 'staging', feed: { kind: 'deploys', environment: 'staging' }, description: 'Deploys the storefront to staging' },
    { type: 'job', name: 'deploy-production', pipeline: true, env: 'prod', feed: { kind: 'deploys', environment: 'production' }, description: 'Deploys the storefront to production' },
    periodic('api-server', 25, false, { description: 'Public API (freestyle)' }),
    periodic('backend-service', 30, true, { sharedLibrary: true }),
    periodic('release-pipeline', 12, true, { sharedLibrary: true }),
    periodic('pipeline-without-stage-view', 8, true, { noStageView: true, description: 'A Pipeline job on a controller without the Stage View plugin' }),
    { type: 'job', name: 'nightly-integration', pipeline: false, feed: { kind: 'periodic', builds: 6, timer: true }, logBytes: HUGE_LOG_BYTES, description: 'Nightly integration suite (50 MB logs)' },
    { type: 'job', name: 'docs-preview', pipeline: false, feed: { kind: 'periodic', builds: 0 }, description: 'Never built' },
    {
      type: 'folder',
      name: 'platform',
      children: [{ type: 'folder', name: 'infrastructure', children: [{ type: 'folder', name: 'terraform', children: [periodic('plan', 10, false)] }] }],
    },
    {
      type: 'organization',
      name: 'demo-org',
      description: 'GitHub organization folder',
      children: [{ type: 'multibranch', name: 'payments', children: [{ ...branchJob(MAIN), feed: { kind: 'periodic', builds: 15 } }] }],
    },
  ];
}

export interface ScaleLayoutOptions {
  /** Jobs in total, the two root deploy jobs included (200 in the bench). */
  readonly jobs?: number;
  readonly buildsPerJob?: number;
  readonly folders?: number;
}

/** The bench's Jenkins: teams' folders (half their jobs one folder deeper), two deploy jobs at the root. */
export function scaleLayout(options: ScaleLayoutOptions = {}): ItemSpec[] {
  const jobs = options.jobs ?? 200;
  const builds = options.buildsPerJob ?? 500;
  const folders = options.folders ?? 10;
  const deploy = (name: string, env: string, pipeline: boolean): JobSpec => ({ type: 'job', name, pipeline, env, feed: { kind: 'periodic', builds } });
  const teams: FolderSpec[] = [];
  const perTeam = Math.ceil((jobs - 2) / folders);
  for (let t = 0; t < folders; t += 1) {
    const names = Array.from({ length: Math.max(0, Math.min(perTeam, jobs - 2 - t * perTeam)) }, (_, j) => `service-${String(t * perTeam + j).padStart(3, '0')}`);
    const specs = names.map((name, j): JobSpec => ({ type: 'job', name, pipeline: j % 2 === 0, feed: { kind: 'periodic', builds } }));
    const half = Math.ceil(specs.length / 2);
    teams.push({
      type: 'folder',
      name: `team-${String(t).padStart(2, '0')}`,
      children: [...specs.slice(0, half), { type: 'folder', name: 'services', children: specs.slice(half) }],
    });
  }
  return [deploy('deploy-staging', 'staging', false), deploy('deploy-production', 'prod', true), ...teams];
}
