import { randomUUID } from 'node:crypto';
import type { DeploySource } from '../domain/deploy-source';
import { parseParameterCondition } from '../domain/deploy-source';
import { environmentId } from '../domain/environment';
import type { DeploySourceInput } from '../shared/contract/project-settings';
import type { ConnectionEntry } from '../storage/connection-store';
import { InvalidSettings } from './errors';

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** One deploy source from the form, or the reasons it cannot work (prefixed with its position). */
export function toDeploySource(
  input: DeploySourceInput,
  available: ReadonlyMap<string, ConnectionEntry>,
  label: string,
): { source: DeploySource } | { problems: string[] } {
  const problems: string[] = [];
  const connection = available.get(input.connectionId)?.connection;
  if (!connection) problems.push(`${label}: pick a connection this project can use`);
  const condition = blankToUndefined(input.parameterCondition);
  if (condition !== undefined) {
    if (connection && connection.kind !== 'jenkins') problems.push(`${label}: parameter conditions apply to Jenkins jobs only`);
    const parsed = parseParameterCondition(condition);
    if ('problem' in parsed) problems.push(`${label}: ${parsed.problem}`);
  }
  if (problems.length) return { problems };
  const name = input.environmentName.trim();
  return {
    source: {
      id: input.id ?? randomUUID(),
      connectionId: input.connectionId,
      job: input.job.trim(),
      branch: blankToUndefined(input.branch),
      parameterCondition: condition,
      environment: { id: environmentId(name), name, type: input.environmentType },
    },
  };
}

/** Every source valid, and each environment with one type; otherwise nothing is saved. */
export function toDeploySources(inputs: readonly DeploySourceInput[], available: ReadonlyMap<string, ConnectionEntry>): DeploySource[] {
  const sources: DeploySource[] = [];
  const problems: string[] = [];
  inputs.forEach((input, index) => {
    const result = toDeploySource(input, available, `deploy source ${index + 1} (${input.job.trim() || 'no job'})`);
    if ('problems' in result) problems.push(...result.problems);
    else sources.push(result.source);
  });
  const typeOf = new Map<string, string>();
  for (const { environment } of sources) {
    const earlier = typeOf.get(environment.id);
    if (earlier !== undefined && earlier !== environment.type) {
      problems.push(`environment "${environment.name}" is given two types (${earlier} and ${environment.type}); use one`);
    }
    typeOf.set(environment.id, environment.type);
  }
  if (new Set(sources.map((s) => s.id)).size !== sources.length) problems.push('two deploy sources have the same id; reload the page');
  if (problems.length) throw new InvalidSettings(problems);
  return sources;
}
