import type { Build, Commit } from '../domain/build';
import type { Deploy, SnapshotBuild } from '../domain/deploy';
import { issueKeyCandidates } from '../domain/issue-keys';
import type { CommitRow, DeployRow, SnapshotRow, StaleNote } from '../shared/contract/issue-panel';
import { safeLink } from '../shared/safe-link';
import type { DeploySummary } from '../storage/deploy-record';
import type { FailingConnection } from '../storage/sync-health-store';

/** The one safe-link rule (src/shared/safe-link.ts), under the name the panel's rows use. */
export const safeUrl = (raw: string | null): string | null => safeLink(raw);

export function deployRow(deploy: DeploySummary | Deploy): DeployRow {
  return {
    id: deploy.id,
    environment: { id: deploy.environment.id, name: deploy.environment.name, type: deploy.environment.type },
    state: deploy.state,
    pipeline: { displayName: deploy.pipeline.displayName, url: safeUrl(deploy.pipeline.url) },
    sequence: deploy.sequence,
    sha: deploy.sha,
    branch: deploy.branch,
    startedAt: deploy.startedAt,
    finishedAt: deploy.finishedAt,
    url: safeUrl(deploy.url),
    trigger: deploy.trigger,
  };
}

const buildId = (b: Pick<Build, 'connectionId' | 'job' | 'number'>) => `${b.connectionId}\n${b.job.id}\n${b.number}`;

/** The snapshot as it was at the deploy, beside the same builds as they are in storage now. */
export function snapshotRows(snapshot: readonly SnapshotBuild[], current: readonly Build[]): SnapshotRow[] {
  const now = new Map(current.map((b) => [buildId(b), b]));
  return snapshot.map((b) => {
    const today = now.get(buildId(b));
    return {
      provider: b.provider,
      connectionId: b.connectionId,
      jobId: b.job.id,
      jobName: b.job.displayName,
      folderPath: [...b.job.folderPath],
      number: b.number,
      url: safeUrl(b.url ?? today?.url ?? null),
      stateAtDeploy: b.stateAtDeploy,
      stateNow: today?.state ?? null,
      startedAt: b.startedAt,
      // A build still running at the deploy has its duration only now.
      durationMs: today?.durationMs ?? b.durationMs,
    };
  });
}

/** The deploy's commits that mention the issue first, each group in the deploy's own order. */
export function commitsFor(issueKey: string, commits: readonly Commit[]): { mentioning: CommitRow[]; others: CommitRow[] } {
  const key = issueKey.toUpperCase();
  const mentioning: CommitRow[] = [];
  const others: CommitRow[] = [];
  for (const commit of commits) {
    const row = { sha: commit.sha, message: commit.message, author: commit.author, timestamp: commit.timestamp };
    (issueKeyCandidates(commit.message).includes(key) ? mentioning : others).push(row);
  }
  return { mentioning, others };
}

/**
 * Connections whose last sync failed. Admins read each one with the error and hint the sync
 * recorded; anyone else one note that data may be out of date since the earliest failure, which
 * names no connection, error or address.
 */
export function staleNotes(failing: readonly FailingConnection[], forAdmin: boolean): StaleNote[] {
  if (forAdmin) {
    return failing.map((f) => ({
      failedAt: f.failedAt,
      lastSuccessAt: f.lastSuccessAt ?? null,
      detail: { connectionId: f.connectionId, message: f.message, hint: f.hint },
    }));
  }
  const [first, ...rest] = failing;
  if (!first) return [];
  const earliest = (a: string | null, b: string | null) => (a === null || b === null ? null : a < b ? a : b);
  return [
    rest.reduce<StaleNote>(
      (note, f) => ({ failedAt: earliest(note.failedAt, f.failedAt) ?? note.failedAt, lastSuccessAt: earliest(note.lastSuccessAt, f.lastSuccessAt ?? null), detail: null }),
      { failedAt: first.failedAt, lastSuccessAt: first.lastSuccessAt ?? null, detail: null },
    ),
  ];
}
