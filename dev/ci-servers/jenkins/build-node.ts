import { causeOf, changesOf, checkoutOf, commitOf, fullDisplayName, gitDate, itemUrl, parametersOf, type RenderContext } from './context';
import type { BuildRow } from './model';
import { Exported, type Value } from './tree';

export const BUILD_SHALLOW = ['_class', 'number', 'url'];

/** A build as `{build}/api/json` exports it (shaped on the recorded FreeStyleBuild and WorkflowRun answers). */
export function buildNode(ctx: RenderContext, build: BuildRow): Exported {
  const { job } = build;
  const pipeline = job.spec.pipeline;
  const url = `${itemUrl(ctx, job)}${build.number}/`;
  const changes = () => changeSetItems(ctx, build);
  const fields: Record<string, Value> = {
    _class: pipeline ? 'org.jenkinsci.plugins.workflow.job.WorkflowRun' : 'hudson.model.FreeStyleBuild',
    actions: () => actions(ctx, build),
    artifacts: [],
    building: build.building,
    description: null,
    displayName: `#${build.number}`,
    duration: build.building ? 0 : build.duration,
    estimatedDuration: build.duration,
    executor: build.building ? new Exported({ _class: pipeline ? 'hudson.model.OneOffExecutor' : 'hudson.model.Executor' }) : null,
    fullDisplayName: `${fullDisplayName(job)} #${build.number}`,
    id: String(build.number),
    keepLog: false,
    number: build.number,
    queueId: queueIdOf(build),
    result: build.result,
    timestamp: build.start,
    url,
  };
  if (pipeline) {
    fields['changeSets'] = () => {
      const items = changes();
      return items.length ? [new Exported({ _class: 'hudson.plugins.git.GitChangeSetList', items, kind: 'git' })] : [];
    };
  } else {
    fields['builtOn'] = '';
    fields['changeSet'] = () => {
      const items = changes();
      return items.length
        ? new Exported({ _class: 'hudson.plugins.git.GitChangeSetList', items, kind: 'git' })
        : new Exported({ _class: 'hudson.scm.EmptyChangeLogSet', items: [], kind: null });
    };
  }
  fields['culprits'] = () => culprits(ctx, build);
  if (pipeline) {
    fields['inProgress'] = build.building;
    fields['nextBuild'] = () => neighbour(ctx, build, 1);
    fields['previousBuild'] = () => neighbour(ctx, build, -1);
  }
  return new Exported(fields, BUILD_SHALLOW);
}

/** Queue ids that lead back to their build (`/queue/item/{id}` after the item left the queue). */
export function queueIdOf(build: BuildRow): number {
  return build.number * 1024 + build.job.index + 1;
}

function actions(ctx: RenderContext, build: BuildRow): Value[] {
  const out: Value[] = [];
  const parameters = parametersOf(ctx, build);
  if (parameters.length) out.push(new Exported({ _class: 'hudson.model.ParametersAction', parameters: parameters.map((p) => new Exported(p)) }));
  out.push(new Exported({ _class: 'hudson.model.CauseAction', causes: [new Exported(causeOf(ctx, build))] }));
  // Real builds carry actions that export nothing; recorded answers show them as {}.
  out.push(new Exported({}));
  if (build.job.spec.pipeline) out.push(new Exported({ _class: 'org.jenkinsci.plugins.workflow.libs.LibrariesAction' }));
  const checkout = checkoutOf(ctx, build);
  // A build that checked nothing out has no git BuildData.
  if (checkout) out.push(buildData(ctx, build, ctx.model.remotes.jenkins, checkout.commit.sha, checkout.branch));
  if (build.job.spec.sharedLibrary) out.push(buildData(ctx, build, ctx.model.remotes.jenkinsLibrary, commitOf(ctx, 0).sha.split('').reverse().join(''), 'v3'));
  out.push(new Exported({ _class: 'hudson.plugins.git.GitTagAction' }), new Exported({}));
  out.push(new Exported({ _class: 'org.jenkinsci.plugins.displayurlapi.actions.RunDisplayAction' }));
  if (build.job.spec.pipeline) out.push(new Exported({ _class: 'org.jenkinsci.plugins.workflow.job.views.FlowGraphAction' }));
  return out;
}

/** The git plugin's record of a checkout: the SHA and branch the build built. */
function buildData(ctx: RenderContext, build: BuildRow, remote: string, sha: string, branchName: string): Exported {
  const multibranch = remote === ctx.model.remotes.jenkins && build.job.parent?.spec.type === 'multibranch';
  const branch = multibranch ? branchName : `refs/remotes/origin/${branchName}`;
  const revision = () => new Exported({ SHA1: sha, branch: [new Exported({ SHA1: sha, name: branch })] });
  return new Exported({
    _class: 'hudson.plugins.git.util.BuildData',
    buildsByBranchName: new Exported({
      [branch]: new Exported({ _class: 'hudson.plugins.git.util.Build', buildNumber: build.number, buildResult: null, marked: revision, revision }),
    }),
    lastBuiltRevision: revision,
    remoteUrls: [remote],
    scmName: '',
  });
}

function changeSetItems(ctx: RenderContext, build: BuildRow): Exported[] {
  return changesOf(ctx, build).map((commit) => {
    const file = `src/${commit.subject.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}.ts`;
    return new Exported({
      _class: 'hudson.plugins.git.GitChangeSet',
      affectedPaths: [file],
      commitId: commit.sha,
      timestamp: commit.time,
      author: new Exported({ absoluteUrl: `${ctx.base}/user/${commit.author.login}`, fullName: commit.author.name }),
      authorEmail: commit.author.email,
      comment: `${commit.message}\n`,
      date: gitDate(commit.time),
      id: commit.sha,
      msg: commit.subject,
      paths: [new Exported({ editType: 'edit', file })],
    });
  });
}

function culprits(ctx: RenderContext, build: BuildRow): Exported[] {
  const seen = new Map<string, Exported>();
  for (const commit of changesOf(ctx, build)) {
    seen.set(commit.author.login, new Exported({ absoluteUrl: `${ctx.base}/user/${commit.author.login}`, fullName: commit.author.name }));
  }
  return [...seen.values()];
}

function neighbour(ctx: RenderContext, build: BuildRow, step: 1 | -1): Value {
  for (let n = build.number + step; n >= 1 && n <= build.job.builds.length; n += step) {
    const other = ctx.model.build(build.job, n, ctx.now);
    if (other) return new Exported({ number: other.number, url: `${itemUrl(ctx, build.job)}${other.number}/` });
  }
  return null;
}
