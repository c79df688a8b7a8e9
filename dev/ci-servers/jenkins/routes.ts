import { htmlReply, jsonReply, textReply, type Reply, type StandInRequest } from '../shared/reply';
import { buildNode } from './build-node';
import type { RenderContext } from './context';
import { itemNode, rootNode } from './job-node';
import { consoleLog } from './logs';
import type { BuildRow, JobState } from './model';
import { queueItemNode, queueNode } from './queue';
import { describeRun } from './stages';
import { Exported, TreeSyntaxError, parseTree, render, type Value } from './tree';

/** Jenkins' own 404, a Jetty error page. */
export function notFound(path: string): Reply {
  return htmlReply(`<html><head><title>Error 404 Not Found</title></head><body><h2>HTTP ERROR 404 Not Found</h2><p>URI: ${escapeHtml(path)}</p></body></html>`, 404);
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `api/json` with `tree=`, `pretty=true`. */
function api(value: Value, request: StandInRequest): Reply {
  const treeText = request.query.get('tree');
  try {
    const tree = treeText ? parseTree(treeText) : null;
    return jsonReply(render(value, tree), 200, {}, request.query.get('pretty') === 'true' ? 2 : undefined);
  } catch (error) {
    if (error instanceof TreeSyntaxError) return textReply(`${error.message}\n`, 400);
    throw error;
  }
}

const PERMALINKS: Record<string, (b: BuildRow) => boolean> = {
  lastBuild: () => true,
  lastCompletedBuild: (b) => !b.building,
  lastSuccessfulBuild: (b) => b.result === 'SUCCESS' || b.result === 'UNSTABLE',
  lastStableBuild: (b) => b.result === 'SUCCESS',
  lastFailedBuild: (b) => b.result === 'FAILURE',
  lastUnstableBuild: (b) => b.result === 'UNSTABLE',
  lastUnsuccessfulBuild: (b) => !b.building && b.result !== 'SUCCESS',
};

function findBuild(ctx: RenderContext, job: JobState, segment: string): BuildRow | null {
  if (/^\d+$/.test(segment)) return ctx.model.build(job, Number(segment), ctx.now);
  const test = PERMALINKS[segment];
  return test ? ctx.model.latest(job, test, ctx.now) : null;
}

/** `logText/progressiveText?start=N`: from N to the end; a start past the end reads from 0, as Jenkins does. */
function progressiveText(ctx: RenderContext, build: BuildRow, request: StandInRequest): Reply {
  const log = consoleLog(ctx, build);
  const asked = Number(request.query.get('start') ?? '0');
  const start = Number.isFinite(asked) && asked >= 0 && asked <= log.size ? Math.floor(asked) : 0;
  const headers: Record<string, string> = { 'content-type': 'text/plain;charset=utf-8', 'x-text-size': String(log.size) };
  if (!log.complete) headers['x-more-data'] = 'true';
  return { status: 200, headers, body: log.chunks(start) };
}

function buildRoute(ctx: RenderContext, build: BuildRow, rest: readonly string[], request: StandInRequest): Reply | null {
  const route = rest.join('/');
  if (route === 'api/json') return api(buildNode(ctx, build), request);
  if (route === 'logText/progressiveText') return progressiveText(ctx, build, request);
  if (route === 'consoleText') {
    const log = consoleLog(ctx, build);
    return { status: 200, headers: { 'content-type': 'text/plain;charset=utf-8' }, body: log.chunks(0) };
  }
  if (route === 'buildNumber') return textReply(`${build.number}\n`);
  if (route === 'buildTimestamp') return textReply(new Date(build.start).toISOString());
  if (route === 'wfapi/describe') {
    if (!build.job.spec.pipeline || build.job.spec.noStageView) return null;
    return jsonReply(describeRun(ctx, build));
  }
  return null;
}

function jobRoute(ctx: RenderContext, job: JobState, rest: readonly string[], request: StandInRequest): Reply | null {
  if (rest.join('/') === 'wfapi/runs') {
    if (!job.spec.pipeline || job.spec.noStageView) return null;
    const numbers = ctx.model.numbers(job);
    const runs: unknown[] = [];
    for (let i = 0; i < numbers.length && runs.length < 10; i += 1) {
      const build = ctx.model.build(job, numbers.at(i), ctx.now);
      if (build) runs.push(describeRun(ctx, build));
    }
    return jsonReply(runs);
  }
  const [first, ...more] = rest;
  const build = first === undefined ? null : findBuild(ctx, job, first);
  return build ? buildRoute(ctx, build, more, request) : null;
}

/** Answers a request below the context path; `segments` are the raw path segments after it. */
export function route(ctx: RenderContext, segments: readonly string[], request: StandInRequest): Reply {
  let rest = [...segments];
  while (rest[0] === 'view' && rest.length >= 2) rest = rest.slice(2);
  const names: string[] = [];
  while (rest[0] === 'job' && rest[1] !== undefined) {
    names.push(decodeURIComponent(rest[1]));
    rest = rest.slice(2);
  }
  const tail = rest.join('/');
  if (names.length === 0) {
    if (tail === 'api/json') return api(rootNode(ctx), request);
    if (tail === 'whoAmI/api/json') return api(whoAmI(ctx), request);
    if (tail === 'queue/api/json') return api(queueNode(ctx), request);
    const item = /^queue\/item\/(\d+)\/api\/json$/.exec(tail);
    if (item) {
      const node = queueItemNode(ctx, Number(item[1]));
      return node ? api(node, request) : notFound(request.path);
    }
    if (tail === '') return htmlReply('<html><head><title>Dashboard [Jenkins]</title></head><body>Deploy Tracker demo Jenkins (stand-in)</body></html>');
    return notFound(request.path);
  }
  const found = ctx.model.find(names);
  if (!found) return notFound(request.path);
  if (tail === 'api/json') return api(itemNode(ctx, found), request);
  const reply = found.kind === 'job' ? jobRoute(ctx, found, rest, request) : null;
  return reply ?? notFound(request.path);
}

function whoAmI(ctx: RenderContext): Exported {
  return new Exported({
    _class: 'hudson.security.WhoAmI',
    anonymous: false,
    authenticated: true,
    authorities: ['authenticated'],
    details: null,
    name: ctx.user,
    toString: `${ctx.user}: authenticated, authorities [authenticated]`,
  });
}
