import { isoFromMillis, type JobRef } from '../../../domain/build';
import type { BuildBrief, JobColour, JobKind, JobStatus, JobSummary } from '../../../domain/jenkins-insight';
import { jenkinsState } from '../map-build';
import { jobRefFromPath } from '../map-jobs';
import type { WireBrief, WireJob } from '../wire';

/** Most specific first: a multibranch project is also a (computed) folder. */
const KINDS: readonly [RegExp, JobKind][] = [
  [/OrganizationFolder$/, 'organization-folder'],
  [/MultiBranchProject$/, 'multibranch'],
  [/Folder$|ComputedFolder$/, 'folder'],
  [/WorkflowJob$/, 'pipeline'],
  [/FreeStyleProject$/, 'freestyle'],
  [/MavenModuleSet$|MavenModule$/, 'maven'],
  [/MatrixProject$/, 'matrix'],
];

const CONTAINER_KINDS: ReadonlySet<JobKind> = new Set(['organization-folder', 'multibranch', 'folder']);

/** The kind from `_class`; Jenkins 1.x sends none, so a listing that nests `jobs` is taken for a folder. */
export function jobKind(className: string | null | undefined, hasJobs: boolean): JobKind {
  const known = className ? KINDS.find(([pattern]) => pattern.test(className))?.[1] : undefined;
  return known ?? (hasJobs ? 'folder' : 'other');
}

export function isContainerKind(kind: JobKind): boolean {
  return CONTAINER_KINDS.has(kind);
}

const COLOURS: Readonly<Record<string, JobStatus>> = {
  blue: 'success',
  // Some Jenkins themes and the Green Balls plugin report green.
  green: 'success',
  red: 'failed',
  yellow: 'unstable',
  aborted: 'aborted',
  disabled: 'disabled',
  notbuilt: 'not-built',
  grey: 'not-built',
};

export function jobColour(raw: string | null | undefined): JobColour | null {
  if (!raw) return null;
  const building = raw.endsWith('_anime');
  const base = building ? raw.slice(0, -'_anime'.length) : raw;
  return { raw, status: COLOURS[base] ?? 'unknown', building };
}

export function brief(wire: (Partial<WireBrief> & { number: number }) | null | undefined): BuildBrief | null {
  if (!wire) return null;
  const state = jenkinsState(wire.result, wire.building);
  const running = state === 'in_progress';
  return {
    number: wire.number,
    state,
    rawState: wire.result ?? null,
    startedAt: isoFromMillis(wire.timestamp),
    durationMs: !running && typeof wire.duration === 'number' && wire.duration > 0 ? wire.duration : null,
    url: wire.url ?? null,
  };
}

export function jobSummary(item: WireJob, ref: JobRef): JobSummary {
  const kind = jobKind(item._class, Array.isArray(item.jobs));
  const isContainer = isContainerKind(kind) || Array.isArray(item.jobs);
  return {
    job: ref,
    kind,
    className: item._class ?? null,
    isContainer,
    colour: isContainer ? null : jobColour(item.color),
    lastBuild: isContainer ? null : brief(item.lastBuild),
  };
}

export function summaryAt(baseUrl: string, path: readonly string[], item: WireJob): JobSummary {
  return jobSummary(item, jobRefFromPath(baseUrl, path));
}
