import { randomUUID } from 'node:crypto';
import { InvalidRequest } from '../../domain/errors';
import { ConnectionNotFound } from '../../connections/errors';
import { ConnectionStore } from '../../storage/connection-store';
import { HistoryStore, type HistoryImport } from '../../storage/history-store';
import { SyncStateStore } from '../../storage/sync-state-store';
import { MAX_HISTORY_DAYS } from '../../shared/contract/history';
import { HistoryBusy } from './errors';
import { pushHistoryWork } from './work';

const DAY_MS = 86_400_000;

/**
 * Starts (or resumes) bringing in a connection's history back to `from`, and queues its first
 * round. An import already under way to the same date carries on from where it stands, so asking
 * twice, or again after a failure, resumes rather than restarts; another date starts over. The
 * new revision makes every event queued for the earlier one stale.
 */
export async function startHistoryImport(connectionId: string, from: Date, now: Date = new Date()): Promise<HistoryImport> {
  const until = from.getTime();
  if (!Number.isFinite(until) || until >= now.getTime()) throw new InvalidRequest('from: the date must be in the past.');
  if (until < now.getTime() - MAX_HISTORY_DAYS * DAY_MS - DAY_MS) throw new InvalidRequest(`from: history reaches back at most ${MAX_HISTORY_DAYS} days.`);
  if (!(await new ConnectionStore().get(connectionId))) throw new ConnectionNotFound();
  // Under the connection's lease: a round writing its record at this moment must not overwrite the new revision.
  const lease = new SyncStateStore();
  const owner = `history-start:${randomUUID()}`;
  if (!(await lease.acquireLease(connectionId, owner, now.getTime(), 30))) throw new HistoryBusy();
  try {
    return await restart(connectionId, new Date(until).toISOString(), now);
  } finally {
    await lease.releaseLease(connectionId, owner);
  }
}

async function restart(connectionId: string, untilIso: string, now: Date): Promise<HistoryImport> {
  const store = new HistoryStore();
  const current = await store.get(connectionId);
  const resume = current !== undefined && current.until === untilIso && current.state !== 'done';
  const base = resume
    ? current
    : { builds: 0, deploys: 0, rounds: 0, requests: 0, problems: 0, fractionDone: 0, requestedAt: now.toISOString() };
  const record: HistoryImport = {
    schemaVersion: 1,
    connectionId,
    until: untilIso,
    requestedAt: base.requestedAt,
    state: 'running',
    revision: (current?.revision ?? 0) + 1,
    ...(resume && current.position !== undefined ? { position: current.position } : {}),
    builds: base.builds,
    deploys: base.deploys,
    rounds: base.rounds,
    requests: base.requests,
    problems: base.problems,
    ...(resume && current.reachedBack ? { reachedBack: current.reachedBack } : {}),
    fractionDone: base.fractionDone,
    updatedAt: now.toISOString(),
  };
  await store.save(record);
  await pushHistoryWork({ connectionId, revision: record.revision });
  return record;
}
