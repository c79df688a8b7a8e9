import { isoFromMillis, type BuildState, type QueuedBuild, type Stage } from '../../domain/build';
import { causesOf, parametersOf } from './map-build';
import type { WireQueueItem, WireStage } from './wire';

/**
 * Pipeline Stage View statuses (`StatusExt`): NOT_EXECUTED, ABORTED, SUCCESS, IN_PROGRESS,
 * PAUSED_PENDING_INPUT, FAILED, UNSTABLE. Values outside that set (null, `FAILURE`, `NOT_BUILD`
 * seen in hand-edited data) stay `unknown` with the raw value kept.
 */
export function stageState(status: string | null | undefined): BuildState {
  switch (status) {
    case 'SUCCESS':
      return 'successful';
    case 'FAILED':
    case 'UNSTABLE':
      return 'failed';
    case 'ABORTED':
    case 'NOT_EXECUTED':
      return 'cancelled';
    case 'IN_PROGRESS':
      return 'in_progress';
    case 'PAUSED_PENDING_INPUT':
      return 'pending';
    default:
      return 'unknown';
  }
}

export function mapStage(wire: WireStage): Stage {
  return {
    id: wire.id,
    name: wire.name,
    state: stageState(wire.status),
    rawState: wire.status ?? null,
    startedAt: isoFromMillis(wire.startTimeMillis),
    durationMs: typeof wire.durationMillis === 'number' && wire.durationMillis >= 0 ? wire.durationMillis : null,
    error: wire.error ? (wire.error.message ?? wire.error.type ?? null) : null,
  };
}

export function mapQueueItem(wire: WireQueueItem): QueuedBuild {
  const actions = wire.actions ?? [];
  return {
    id: wire.id,
    jobName: wire.task?.name ?? null,
    jobUrl: wire.task?.url ?? null,
    why: wire.why ?? null,
    blocked: wire.blocked ?? false,
    stuck: wire.stuck ?? false,
    cancelled: wire.cancelled ?? false,
    inQueueSince: isoFromMillis(wire.inQueueSince),
    buildNumber: wire.executable?.number ?? null,
    parameters: parametersOf(actions),
    causes: causesOf(actions),
  };
}
