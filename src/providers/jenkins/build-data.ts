import type { WireAction } from './wire';

/**
 * Which git revision a Jenkins build built. The git plugin records one `BuildData` action per
 * checkout, so a Pipeline that loads a shared library (or checks out a second repository) carries
 * several, and the first is not always the job's own. We pick, in order:
 *   1. for a branch job of a multibranch project, the one that built that branch;
 *   2. the one whose revision appears in the build's change sets (a library's rarely does,
 *      since libraries are usually loaded without a changelog);
 *   3. otherwise the first: freestyle jobs and Pipelines with a heavyweight checkout record the
 *      job's own checkout before any library.
 */
export interface Revision {
  readonly sha: string | null;
  readonly branch: string | null;
  readonly tag: string | null;
  /** The remote that checkout cloned, as the git plugin reports it (its first, the one built). */
  readonly remoteUrl?: string | undefined;
}

export interface RevisionHints {
  readonly branchHint?: string | null | undefined;
  readonly commitIds?: readonly string[] | undefined;
}

type BuildData = WireAction & { lastBuiltRevision: NonNullable<WireAction['lastBuiltRevision']> };

export function pickRevision(actions: readonly (WireAction | null)[], hints: RevisionHints = {}): Revision {
  const candidates = actions.filter((a): a is BuildData => a !== null && !!a.lastBuiltRevision);
  if (candidates.length === 0) return { sha: null, branch: null, tag: null };
  const chosen =
    byBranch(candidates, hints.branchHint) ??
    byCommit(candidates, hints.commitIds) ??
    candidates[0];
  return chosen ? revisionOf(chosen, hints.branchHint) : { sha: null, branch: null, tag: null };
}

function byBranch(candidates: BuildData[], branchHint: string | null | undefined): BuildData | undefined {
  if (!branchHint) return undefined;
  return candidates.find((c) => branchNames(c).some((name) => splitRef(name).branch === branchHint));
}

function byCommit(candidates: BuildData[], commitIds: readonly string[] | undefined): BuildData | undefined {
  if (!commitIds?.length) return undefined;
  const ids = new Set(commitIds);
  return candidates.find((c) => !!c.lastBuiltRevision.SHA1 && ids.has(c.lastBuiltRevision.SHA1));
}

function branchNames(data: BuildData): string[] {
  return (data.lastBuiltRevision.branch ?? []).flatMap((b) => (b.name ? [b.name] : []));
}

function revisionOf(data: BuildData, branchHint: string | null | undefined): Revision {
  const refs = branchNames(data).map(splitRef);
  const ref = refs.find((r) => branchHint && r.branch === branchHint) ?? refs.find((r) => r.branch) ?? refs[0];
  const remoteUrl = data.remoteUrls?.[0];
  return { sha: data.lastBuiltRevision.SHA1 ?? null, branch: ref?.branch ?? null, tag: ref?.tag ?? null, ...(remoteUrl ? { remoteUrl } : {}) };
}

/** `refs/remotes/origin/main`, `origin/main`, `refs/heads/main` -> branch `main`; `refs/tags/v1` -> tag `v1`. */
export function splitRef(name: string): { branch: string | null; tag: string | null } {
  if (name.startsWith('refs/tags/')) return { branch: null, tag: name.slice('refs/tags/'.length) };
  const remote = /^(?:refs\/)?remotes\/[^/]+\/(.+)$/.exec(name);
  if (remote?.[1]) return { branch: remote[1], tag: null };
  if (name.startsWith('refs/heads/')) return { branch: name.slice('refs/heads/'.length), tag: null };
  if (name.startsWith('origin/')) return { branch: name.slice('origin/'.length), tag: null };
  return { branch: name, tag: null };
}
