import { compareEnvironments } from '../../../src/domain/environment';
import type { DeployRow, PanelView } from '../../../src/shared/contract/issue-panel';

export type Environment = DeployRow['environment'];

export interface EnvironmentGroup {
  readonly environment: Environment;
  /** Newest first; never empty. */
  readonly deploys: readonly DeployRow[];
}

/** One group per environment, production first then by type and name, each newest first. */
export function byEnvironment(deploys: readonly DeployRow[]): EnvironmentGroup[] {
  const groups = new Map<string, { environment: Environment; deploys: DeployRow[] }>();
  const seen = new Set<string>();
  for (const deploy of deploys) {
    // Pages are cut by time: a deploy that changed between two pages can come twice.
    if (seen.has(deploy.id)) continue;
    seen.add(deploy.id);
    const group = groups.get(deploy.environment.id);
    if (group) group.deploys.push(deploy);
    else groups.set(deploy.environment.id, { environment: deploy.environment, deploys: [deploy] });
  }
  const sorted = [...groups.values()].sort((a, b) => compareEnvironments(a.environment, b.environment));
  for (const group of sorted) group.deploys.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return sorted;
}

export type ReadyView = Extract<PanelView, { status: 'ready' }>;

/** A slice of a list for one page, 1-based, with the page clamped to what exists. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}
