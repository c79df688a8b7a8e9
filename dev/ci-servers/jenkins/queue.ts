import { buildNode, queueIdOf } from './build-node';
import { itemUrl, type RenderContext } from './context';
import { classOf, type JobState } from './model';
import { Exported } from './tree';

/**
 * A queue with something to explain: an item stuck for hours on a label no agent has, one blocked
 * behind a held lock, one that merely waits for an executor. Times are relative to the request,
 * so "for how long" stays meaningful; the shape follows the recorded `queue.json` and
 * `queueItem*.json` answers.
 */
interface QueueEntry {
  readonly id: number;
  readonly job: JobState;
  readonly kind: 'stuck' | 'blocked' | 'waiting';
  readonly ageMs: number;
  readonly why: string;
}

const PREFERRED = { stuck: 'api-server', blocked: 'release-pipeline', waiting: 'backend-service' } as const;

function entries(ctx: RenderContext): QueueEntry[] {
  const { jobs } = ctx.model;
  const pickJob = (kind: keyof typeof PREFERRED, fallback: number) => jobs.find((j) => j.name === PREFERRED[kind]) ?? jobs[fallback % Math.max(1, jobs.length)];
  const out: QueueEntry[] = [];
  const stuck = pickJob('stuck', 2);
  const blocked = pickJob('blocked', 3);
  const waiting = pickJob('waiting', 4);
  if (stuck) out.push({ id: 101, job: stuck, kind: 'stuck', ageMs: 3 * 3600_000 + 17 * 60_000, why: 'There are no nodes with the label ‘windows’' });
  if (blocked) {
    out.push({ id: 102, job: blocked, kind: 'blocked', ageMs: 4 * 60_000 + 12_000, why: 'Waiting for lockable resource release-lock, held by another build' });
  }
  if (waiting) out.push({ id: 103, job: waiting, kind: 'waiting', ageMs: 25_000, why: 'Waiting for next available executor on ‘linux’' });
  return out;
}

function task(ctx: RenderContext, job: JobState): Exported {
  return new Exported({ _class: classOf(job), name: job.name, url: itemUrl(ctx, job), color: 'blue' });
}

function entryNode(ctx: RenderContext, entry: QueueEntry): Exported {
  const since = ctx.now - entry.ageMs;
  return new Exported({
    _class: entry.kind === 'blocked' ? 'hudson.model.Queue$BlockedItem' : 'hudson.model.Queue$BuildableItem',
    actions: [
      new Exported({
        _class: 'hudson.model.CauseAction',
        causes: [new Exported({ _class: 'hudson.model.Cause$UserIdCause', shortDescription: 'Started by user Priya Lead', userId: 'plead', userName: 'Priya Lead' })],
      }),
    ],
    blocked: entry.kind === 'blocked',
    buildable: entry.kind !== 'blocked',
    id: entry.id,
    inQueueSince: since,
    params: '',
    stuck: entry.kind === 'stuck',
    task: task(ctx, entry.job),
    url: `queue/item/${entry.id}/`,
    why: entry.why,
    buildableStartMilliseconds: since + 1,
    pending: false,
  });
}

export function queueNode(ctx: RenderContext): Exported {
  return new Exported({ _class: 'hudson.model.Queue', discoverableItems: [], items: entries(ctx).map((e) => entryNode(ctx, e)) });
}

export function queueItemFor(ctx: RenderContext, job: JobState): Exported | null {
  const entry = entries(ctx).find((e) => e.job === job);
  return entry ? entryNode(ctx, entry) : null;
}

/** An item in the queue, or one that left it: a build's queue id names the build it became. */
export function queueItemNode(ctx: RenderContext, id: number): Exported | null {
  const entry = entries(ctx).find((e) => e.id === id);
  if (entry) return entryNode(ctx, entry);
  const job = ctx.model.jobs[(id % 1024) - 1];
  const build = job ? ctx.model.build(job, Math.floor(id / 1024), ctx.now) : null;
  if (!job || !build || queueIdOf(build) !== id) return null;
  const executable = buildNode(ctx, build);
  return new Exported({
    _class: 'hudson.model.Queue$LeftItem',
    actions: [],
    blocked: false,
    buildable: false,
    id,
    inQueueSince: build.start - 5_000,
    params: '',
    stuck: false,
    task: task(ctx, job),
    url: `queue/item/${id}/`,
    why: null,
    cancelled: false,
    executable: new Exported({ _class: executable.fields['_class'] ?? null, number: build.number, url: `${itemUrl(ctx, job)}${build.number}/` }),
  });
}
