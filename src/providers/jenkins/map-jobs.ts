import type { JobRef } from '../../domain/build';
import type { RecordedBuild, WireJob } from './wire';

/** A buildable Jenkins job found while walking folders, with what the sync needs about it. */
export interface JenkinsJob {
  readonly ref: JobRef;
  /** Raw item names from the root, for building URLs. */
  readonly path: readonly string[];
  readonly className: string | null;
  readonly parentClassName: string | null;
  readonly lastBuild: number | null;
}

export interface JobWalk {
  readonly jobs: JenkinsJob[];
  /** Folders whose children lie below the depth one request covered: each needs its own request. */
  readonly deeper: { readonly path: readonly string[]; readonly className: string | null }[];
}

/** Folders, multibranch projects, organization folders, and other item groups. */
const CONTAINER_CLASS = /Folder|MultiBranchProject|OrganizationFolder|ComputedFolder/;
const MULTIBRANCH_CLASS = /MultiBranchProject/;

export function isContainer(item: WireJob): boolean {
  return Array.isArray(item.jobs) || (!!item._class && CONTAINER_CLASS.test(item._class));
}

export function jobUrl(baseUrl: string, path: readonly string[]): string {
  return `${baseUrl}${path.map((name) => `/job/${encodeURIComponent(name)}`).join('')}/`;
}

/**
 * Flattens a `jobs[...]` tree. Items at `maxLevel` were fetched with only a marker of their
 * children, so a container there goes to `deeper` instead of being walked; so does a container
 * whose answer has no `jobs` at all.
 */
export function walkJobs(
  items: readonly WireJob[],
  at: { baseUrl: string; parentPath: readonly string[]; parentClassName: string | null; level: number; maxLevel: number },
): JobWalk {
  const walk: JobWalk = { jobs: [], deeper: [] };
  for (const item of items) {
    const name = itemName(item);
    if (!name) continue;
    const path = [...at.parentPath, name];
    const className = item._class ?? null;
    if (isContainer(item)) {
      const children = item.jobs;
      if (Array.isArray(children) && at.level < at.maxLevel) {
        const inner = walkJobs(children, { ...at, parentPath: path, parentClassName: className, level: at.level + 1 });
        walk.jobs.push(...inner.jobs);
        walk.deeper.push(...inner.deeper);
      } else if (!Array.isArray(children) || children.length > 0) {
        // Children cut off by the tree depth, or a folder type that did not list them: ask it directly.
        walk.deeper.push({ path, className });
      }
      continue;
    }
    walk.jobs.push({
      ref: jobRefFromPath(at.baseUrl, path),
      path,
      className,
      parentClassName: at.parentClassName,
      lastBuild: item.lastBuild?.number ?? null,
    });
  }
  return walk;
}

export function jobRefFromPath(baseUrl: string, path: readonly string[]): JobRef {
  const name = path[path.length - 1] ?? '';
  return { id: path.join('/'), displayName: readable(name), url: jobUrl(baseUrl, path), folderPath: path.slice(0, -1).map(readable) };
}

/** For a branch job of a multibranch project, the branch it builds. */
export function branchHintOf(job: Pick<JenkinsJob, 'path' | 'parentClassName'>): string | null {
  const name = job.path[job.path.length - 1];
  return name && job.parentClassName && MULTIBRANCH_CLASS.test(job.parentClassName) ? readable(name) : null;
}

/** An item's own name: `name`, or the last part of `fullName` (some answers carry only that). */
export function itemName(item: Pick<WireJob, 'name' | 'fullName'>): string | null {
  if (item.name) return item.name;
  const segments = item.fullName?.split('/') ?? [];
  return segments[segments.length - 1] || null;
}

/** Multibranch projects store branch names URL-encoded (`feature%2Fx`); show them decoded. */
function readable(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The job a lone build belongs to, when nothing else says (the inspect command): from the build's
 * URL (`.../job/a/job/b/12/`), else from `fullDisplayName` (`a » b #12`).
 */
export function jobRefFromBuild(build: RecordedBuild): JobRef {
  const fromUrl = /((?:\/job\/[^/]+)+)\/\d+\/?$/.exec(pathnameOf(build.url))?.[1];
  const names = fromUrl
    ? fromUrl.split('/job/').filter(Boolean).map(readable)
    : (build.fullDisplayName ?? '').replace(/\s+#\d+$/, '').split(' » ').filter(Boolean);
  const displayName = names[names.length - 1] ?? 'unknown job';
  const jobUrlText = build.url ? build.url.replace(/\d+\/?$/, '') : null;
  return { id: names.join('/') || displayName, displayName, url: jobUrlText, folderPath: names.slice(0, -1) };
}

function pathnameOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return '';
  }
}
