import type { BuildDetails, LogExcerpt, PipelineRun, QueueSnapshot } from '../../domain/jenkins-insight';
import { bytes, codeBlock, duration, on, stateText, when } from './format';

/** Commits listed in an answer; a merge of hundreds gets a count. */
const MAX_COMMITS = 30;

export function buildAnswer(details: BuildDetails, connectionName: string): string {
  const { build } = details;
  const length = details.building ? `running for ${duration(Date.now() - Date.parse(build.startedAt ?? ''))}` : duration(build.durationMs);
  const commits = build.commits.slice(0, MAX_COMMITS).map((c) => `- ${c.sha.slice(0, 12)} ${c.message.split('\n')[0] ?? ''}${c.author ? ` — ${c.author}` : ''}`);
  return [
    `${build.job.id} #${build.number} ${on(connectionName)}: ${stateText(build.state, build.rawState)}, ${length}, started ${when(build.startedAt)}.`,
    ...(build.url ? [`Link: ${build.url}`] : []),
    ...(details.description ? [`Description: ${details.description}`] : []),
    `Triggered by: ${build.causes.map((c) => c.description || c.kind).join('; ') || 'not reported'}.`,
    `Built commit: ${build.sha ?? 'not reported'}${build.branch ? ` on branch ${build.branch}` : ''}${build.tag ? ` (tag ${build.tag})` : ''}.`,
    `Parameters: ${build.parameters.map((p) => `${p.name}=${p.value === null ? '(not shown)' : String(p.value)}`).join(', ') || 'none'}.`,
    build.commits.length ? `Code changes (${build.commits.length} commit${build.commits.length === 1 ? '' : 's'}):` : 'Code changes: none recorded for this build.',
    ...commits,
    ...(build.commits.length > MAX_COMMITS ? [`… and ${build.commits.length - MAX_COMMITS} more.`] : []),
  ].join('\n');
}

export function logAnswer(excerpt: LogExcerpt, label: string, connectionName: string): string {
  const read = excerpt.notReadBytes > 0 ? `only its last ${bytes(excerpt.bytesRead)} were read` : 'all of it was read';
  return [
    `Log of ${label} (#${excerpt.buildNumber}) ${on(connectionName)}: ${bytes(excerpt.logBytes)} in all; ${read}.`,
    ...(excerpt.stillRunning ? ['The build is still running, so the log is still growing.'] : []),
    excerpt.firstError ? `First error line found: ${excerpt.firstError}` : 'No error line (ERROR, FAILED, Exception, BUILD FAILURE, error:) in the part that was read.',
    excerpt.complete ? 'The whole log:' : 'What is shown below, with notes where lines were left out:',
    codeBlock(excerpt.text),
  ].join('\n');
}

export function stagesAnswer(run: PipelineRun, connectionName: string): string {
  const stages = run.stages.map(
    (s, i) => `${i + 1}. ${s.name} — ${s.rawState ?? 'no status'}, ${duration(s.durationMs)}${s.error ? ` — error: ${s.error}` : ''}`,
  );
  return [
    `${run.jobId} #${run.buildNumber} ${on(connectionName)}: ${run.rawState ?? 'no status'}, ${duration(run.durationMs)}, started ${when(run.startedAt)}.`,
    run.stages.length ? `Stages (${run.stages.length}):` : 'The run has no stages (yet).',
    ...stages,
  ].join('\n');
}

const STATUS_WORDS: Readonly<Record<QueueSnapshot['items'][number]['status'], string>> = {
  stuck: 'STUCK',
  blocked: 'BLOCKED',
  'waiting-for-executor': 'waiting for an executor',
  'quiet-period': 'in its quiet period',
  waiting: 'waiting',
  left: 'already left the queue',
};

export function queueAnswer(queue: QueueSnapshot, connectionName: string): string {
  if (queue.items.length === 0) return `Nothing is waiting in the build queue ${on(connectionName)} (checked ${when(queue.checkedAt)}).`;
  const items = queue.items.map((item) => {
    const name = item.jobName ?? (item.jobUrl ? item.jobUrl : 'a Pipeline step waiting for an agent (Jenkins gives no job name)');
    const waited = item.waitingMs === null ? '' : `, waiting ${duration(item.waitingMs)}`;
    return `- ${STATUS_WORDS[item.status]}: ${name} (queue item ${item.id}${waited})${item.why ? ` — why: ${item.why}` : ''}`;
  });
  const summary = queue.stuck || queue.blocked ? `${queue.stuck} stuck, ${queue.blocked} blocked` : 'none stuck or blocked';
  return [`${queue.items.length} item${queue.items.length === 1 ? '' : 's'} in the build queue ${on(connectionName)}: ${summary} (checked ${when(queue.checkedAt)}).`, ...items].join('\n');
}
