import type { Build, Commit } from './build';

export const MAX_COMMITS_PER_DEPLOY = 200;
const MAX_MESSAGE_LENGTH = 1000;
/**
 * The commits' share of a deploy record. Forge refuses values over 240 KiB; 200 messages of 1,000
 * characters alone reach that in any script that needs more than one byte a character, and the
 * builds snapshot, issue keys and the rest need room beside them. A count cap cannot promise it.
 */
export const MAX_COMMIT_BYTES_PER_DEPLOY = 96 * 1024;

const utf8 = new TextEncoder();
const storedBytes = (commit: Commit) => utf8.encode(JSON.stringify([commit.sha, commit.message, commit.author, commit.timestamp])).length;

/** The newest commits that fit both the count and the byte budget; the rest are counted as omitted. */
function withinBudget(commits: readonly Commit[]): Commit[] {
  const kept: Commit[] = [];
  let bytes = 0;
  for (const commit of commits.slice(0, MAX_COMMITS_PER_DEPLOY)) {
    bytes += storedBytes(commit);
    if (bytes > MAX_COMMIT_BYTES_PER_DEPLOY) break;
    kept.push(commit);
  }
  return kept;
}

/**
 * The commits a deploy carries: those the CI reports for the deploy run, plus those of the builds
 * on the same branch that started after the previous deploy to the same environment and no later
 * than this one. Without a previous deploy, only the run's own commits and those of builds of the
 * same head commit are taken, so a first deploy does not claim the whole history.
 *
 * Limits: builds we never saw (another CI, pruned history) contribute nothing; a force-push or a
 * deploy of an older commit can make the range include commits that were not deployed.
 */
export function commitsForDeploy(input: {
  readonly run: Pick<Build, 'commits' | 'sha' | 'startedAt'>;
  readonly previousDeployStartedAt: string | null;
  readonly branchBuilds: readonly Build[];
}): { commits: Commit[]; omitted: number } {
  const start = input.run.startedAt ? Date.parse(input.run.startedAt) : Number.POSITIVE_INFINITY;
  const previous = input.previousDeployStartedAt ? Date.parse(input.previousDeployStartedAt) : null;
  const inRange = input.branchBuilds.filter((b) => {
    if (!b.startedAt) return false;
    const at = Date.parse(b.startedAt);
    if (at > start) return false;
    return previous === null ? b.sha !== null && b.sha === input.run.sha : at > previous;
  });
  inRange.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  const all = [...input.run.commits, ...inRange.flatMap((b) => b.commits)];
  const seen = new Set<string>();
  const unique: Commit[] = [];
  for (const commit of all) {
    if (seen.has(commit.sha)) continue;
    seen.add(commit.sha);
    unique.push({ ...commit, message: commit.message.slice(0, MAX_MESSAGE_LENGTH) });
  }
  const commits = withinBudget(unique);
  return { commits, omitted: unique.length - commits.length };
}
