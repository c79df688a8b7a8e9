import { buildNode } from './build-node';
import { displayName, fullDisplayName, itemUrl, type RenderContext } from './context';
import { classOf, pathOf, type BuildRow, type FolderState, type Item, type JobState, type Result } from './model';
import { queueItemFor } from './queue';
import { Exported, Seq, type Value } from './tree';

const COLORS: Record<Result, string> = { SUCCESS: 'blue', FAILURE: 'red', UNSTABLE: 'yellow', ABORTED: 'aborted', NOT_BUILT: 'notbuilt' };

export function itemNode(ctx: RenderContext, item: Item): Exported {
  return item.kind === 'job' ? jobNode(ctx, item) : folderNode(ctx, item);
}

function common(ctx: RenderContext, item: Item): Record<string, Value> {
  return {
    _class: classOf(item),
    actions: [],
    description: item.spec.description ?? null,
    displayName: displayName(item.name),
    displayNameOrNull: null,
    fullDisplayName: fullDisplayName(item),
    fullName: pathOf(item).join('/'),
    name: item.name,
    url: itemUrl(ctx, item),
  };
}

function folderNode(ctx: RenderContext, folder: FolderState): Exported {
  return new Exported(
    {
      ...common(ctx, folder),
      healthReport: [],
      jobs: () => folder.children.map((child) => itemNode(ctx, child)),
      primaryView: new Exported({ _class: 'hudson.model.AllView', name: 'All', url: itemUrl(ctx, folder) }),
      views: [new Exported({ _class: 'hudson.model.AllView', name: 'All', url: itemUrl(ctx, folder) })],
    },
    ['_class', 'name', 'url'],
  );
}

/** The root (`hudson.model.Hudson`), with the top-level items. */
export function rootNode(ctx: RenderContext): Exported {
  const all = new Exported({ _class: 'hudson.model.AllView', name: 'all', url: `${ctx.base}/` });
  return new Exported({
    _class: 'hudson.model.Hudson',
    assignedLabels: [new Exported({ name: 'built-in' })],
    mode: 'NORMAL',
    nodeDescription: "the Jenkins controller's built-in node",
    nodeName: '',
    numExecutors: 2,
    description: 'Deploy Tracker demo Jenkins (stand-in)',
    jobs: () => ctx.model.root.children.map((child) => itemNode(ctx, child)),
    overallLoad: new Exported({}),
    primaryView: all,
    quietDownReason: null,
    quietingDown: false,
    slaveAgentPort: 50000,
    unlabeledLoad: new Exported({ _class: 'jenkins.model.UnlabeledLoadStatistics' }),
    url: `${ctx.base}/`,
    useCrumbs: true,
    useSecurity: true,
    views: [all],
  });
}

function jobNode(ctx: RenderContext, job: JobState): Exported {
  const { model, now } = ctx;
  const numbers = model.numbers(job);
  const at = (i: number): Value => {
    const build = model.build(job, numbers.at(i), now);
    return build ? buildNode(ctx, build) : null;
  };
  const last = (test: (b: BuildRow) => boolean) => () => {
    const found = model.latest(job, test, now);
    return found ? buildNode(ctx, found) : null;
  };
  const completed = (b: BuildRow) => !b.building;
  const queued = queueItemFor(ctx, job);
  const fields: Record<string, Value> = {
    ...common(ctx, job),
    buildable: true,
    // `builds` stops at 100 on a real Jenkins; `allBuilds` (only when asked for) has them all.
    builds: new Seq(Math.min(100, numbers.length), at),
    allBuilds: new Seq(numbers.length, at),
    color: () => colorOf(ctx, job),
    firstBuild: () => (numbers.length ? at(numbers.length - 1) : null),
    healthReport: () => healthOf(ctx, job),
    inQueue: queued !== null,
    keepDependencies: false,
    lastBuild: last(() => true),
    lastCompletedBuild: last(completed),
    lastFailedBuild: last((b) => b.result === 'FAILURE'),
    lastStableBuild: last((b) => b.result === 'SUCCESS'),
    lastSuccessfulBuild: last((b) => b.result === 'SUCCESS' || b.result === 'UNSTABLE'),
    lastUnstableBuild: last((b) => b.result === 'UNSTABLE'),
    lastUnsuccessfulBuild: last((b) => completed(b) && b.result !== 'SUCCESS'),
    nextBuildNumber: job.builds.length + 1,
    property: job.spec.env ? [parameterDefinitions(job.spec.env)] : [],
    queueItem: queued,
    concurrentBuild: job.spec.pipeline,
    disabled: false,
  };
  if (!job.spec.pipeline) Object.assign(fields, { downstreamProjects: [], upstreamProjects: [], scm: new Exported({ _class: 'hudson.plugins.git.GitSCM' }) });
  return new Exported(fields, ['_class', 'name', 'url', 'color'], ['allBuilds']);
}

function parameterDefinitions(env: string): Exported {
  return new Exported({
    _class: 'hudson.model.ParametersDefinitionProperty',
    parameterDefinitions: [
      new Exported({
        _class: 'hudson.model.ChoiceParameterDefinition',
        defaultParameterValue: new Exported({ _class: 'hudson.model.StringParameterValue', name: 'ENV', value: env }),
        description: 'Target environment',
        name: 'ENV',
        type: 'ChoiceParameterDefinition',
        choices: [env, ...['staging', 'prod'].filter((e) => e !== env)],
      }),
      new Exported({ _class: 'hudson.model.StringParameterDefinition', description: 'Commit to deploy', name: 'GIT_COMMIT', type: 'StringParameterDefinition' }),
      new Exported({ _class: 'hudson.model.BooleanParameterDefinition', description: 'Only print what would change', name: 'DRY_RUN', type: 'BooleanParameterDefinition' }),
    ],
  });
}

export function colorOf(ctx: RenderContext, job: JobState): string {
  const last = ctx.model.latest(job, () => true, ctx.now);
  if (!last) return 'notbuilt';
  const done = last.building ? ctx.model.latest(job, (b) => !b.building, ctx.now) : last;
  const base = done?.result ? COLORS[done.result] : 'notbuilt';
  return last.building ? `${base}_anime` : base;
}

/** Jenkins' build stability report over the last five completed builds. */
function healthOf(ctx: RenderContext, job: JobState): Exported[] {
  const recent: BuildRow[] = [];
  for (let n = job.builds.length; n >= 1 && recent.length < 5; n -= 1) {
    const build = ctx.model.build(job, n, ctx.now);
    if (build && !build.building) recent.push(build);
  }
  if (recent.length === 0) return [];
  const failed = recent.filter((b) => b.result !== 'SUCCESS').length;
  const score = Math.round(100 - (failed * 100) / recent.length);
  const band = score > 80 ? '80plus' : score > 60 ? '60to79' : score > 40 ? '40to59' : score > 20 ? '20to39' : '00to19';
  const description =
    failed === 0 ? 'Build stability: No recent builds failed.' : `Build stability: ${failed} out of the last ${recent.length} builds failed.`;
  return [new Exported({ description, iconClassName: `icon-health-${band}`, iconUrl: `health-${band}.png`, score })];
}
