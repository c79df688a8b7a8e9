import type { BuildState } from '../../domain/build';
import type { BuildBrief } from '../../domain/jenkins-insight';
import type { DomainError } from '../../domain/errors';

/** Small text helpers for agent answers: the model reads them, and quotes them to a person. */

export function duration(ms: number | null): string {
  if (ms === null) return 'unknown duration';
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return days < 730 ? `${days} days` : `${Math.floor(days / 365)} years`;
}

export function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'at an unknown time';
}

const STATE_WORDS: Readonly<Record<BuildState, string>> = {
  pending: 'waiting',
  in_progress: 'still running',
  successful: 'successful',
  failed: 'failed',
  cancelled: 'cancelled',
  unknown: 'of unknown result',
};

/** "successful (SUCCESS)": our reading and Jenkins' own word. */
export function stateText(state: BuildState, raw: string | null): string {
  return raw && raw.toLowerCase() !== STATE_WORDS[state] ? `${STATE_WORDS[state]} (${raw})` : STATE_WORDS[state];
}

export function briefText(build: BuildBrief | null): string {
  if (!build) return 'none';
  const length = build.state === 'in_progress' ? 'running' : duration(build.durationMs);
  return `#${build.number} ${stateText(build.state, build.rawState)}, ${length}, started ${when(build.startedAt)}`;
}

export function percent(rate: number | null): string {
  return rate === null ? 'no finished builds' : `${Math.round(rate * 100)}%`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A fenced block whose fence cannot be closed by the text inside it. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** The provider's troubleshooting message and hint, unchanged. */
export function errorAnswer(error: DomainError): string {
  return `I could not answer that. ${error.message}\nWhat to do: ${error.hint}`;
}

/** The connection as the person knows it. */
export const on = (connectionName: string) => `on Jenkins "${connectionName}"`;
