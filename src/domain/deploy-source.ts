import type { Build, BuildParameter } from './build';
import type { Environment } from './environment';
import { globMatches } from './glob';

/**
 * "Runs of this job are deploys to that environment": how a project says which CI jobs deploy.
 * A job is named exactly or by glob on its full path; a branch filter and a Jenkins parameter
 * condition (`ENV=prod`, `ENV!=dev`, several joined by commas) narrow it further.
 */
export interface DeploySource {
  readonly id: string;
  readonly connectionId: string;
  readonly job: string;
  readonly branch?: string | undefined;
  readonly parameterCondition?: string | undefined;
  readonly environment: Environment;
}

export interface ParameterClause {
  readonly name: string;
  readonly negated: boolean;
  readonly pattern: string;
}

/** Parses `A=x, B!=y*`; returns the reason when it cannot. */
export function parseParameterCondition(text: string): { clauses: ParameterClause[] } | { problem: string } {
  const clauses: ParameterClause[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*(!?=)\s*(.*)$/.exec(part);
    if (!match?.[1] || !match[2]) {
      return { problem: `"${part}" is not a parameter condition; write NAME=value or NAME!=value` };
    }
    clauses.push({ name: match[1], negated: match[2] === '!=', pattern: (match[3] ?? '').trim() });
  }
  return { clauses };
}

function parameterText(parameters: readonly BuildParameter[], name: string): string | undefined {
  const found = parameters.find((p) => p.name === name);
  return found === undefined || found.value === null ? undefined : String(found.value);
}

export function parametersMatch(condition: string | undefined, parameters: readonly BuildParameter[]): boolean {
  if (!condition?.trim()) return true;
  const parsed = parseParameterCondition(condition);
  if ('problem' in parsed) return false;
  return parsed.clauses.every((clause) => {
    const value = parameterText(parameters, clause.name);
    const equal = value !== undefined && globMatches(clause.pattern, value);
    return clause.negated ? !equal : equal;
  });
}

/** Whether a build is a run of this deploy source. */
export function isDeployRun(source: DeploySource, build: Build): boolean {
  if (build.connectionId !== source.connectionId) return false;
  if (!globMatches(source.job, build.job.id)) return false;
  if (source.branch?.trim() && !(build.branch !== null && globMatches(source.branch.trim(), build.branch))) return false;
  return parametersMatch(source.parameterCondition, build.parameters);
}

/** The first deploy source a build is a run of, in the order the project lists them. */
export function deploySourceFor(sources: readonly DeploySource[], build: Build): DeploySource | undefined {
  return sources.find((source) => isDeployRun(source, build));
}
