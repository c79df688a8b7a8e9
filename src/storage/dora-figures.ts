import { figuresOf, periodOf, type DomainFigures } from '../domain/dora/figures';
import type { DayFacts } from '../domain/dora/history';
import type { DoraSettings } from '../domain/dora/settings';
import { InvalidRequest } from '../domain/errors';
import { compareEnvironments, type Environment } from '../domain/environment';
import { doraKeys, quartersBetween } from './dora-keys';
import { DoraStore, parseEnvironments, parseQuarter, parseSettings } from './dora-store';

export interface LoadedFigures {
  readonly environment: Environment | null;
  readonly environments: Environment[];
  readonly figures: DomainFigures;
  readonly days: ReadonlyMap<string, DayFacts>;
  readonly updatedAt: string | null;
  readonly settings: DoraSettings;
}

/** The environment asked for, else the admin's default, else the first production one, else any. */
export function pickEnvironment(environments: readonly Environment[], asked: string | undefined, settings: DoraSettings): Environment | null {
  if (asked !== undefined) {
    const found = environments.find((e) => e.id === asked);
    if (!found) throw new InvalidRequest(`environmentId: this project has no deploys to an environment "${asked}"; pick one the page lists.`);
    return found;
  }
  return environments.find((e) => e.id === settings.defaultEnvironmentId) ?? environments.find((e) => e.type === 'production') ?? environments[0] ?? null;
}

/**
 * The figures of a period and the one before, from the rollups alone: one batch read of the
 * settings and the environment list, one of the (at most 3) quarters the 2 periods touch.
 */
export async function loadFigures(projectKey: string, days: 7 | 30 | 90, environmentId: string | undefined, now: number): Promise<LoadedFigures> {
  const store = new DoraStore();
  const head = await store.getRaw([doraKeys.settings(projectKey), doraKeys.environments(projectKey)]);
  const { settings } = parseSettings(head.get(doraKeys.settings(projectKey)));
  const environments = parseEnvironments(head.get(doraKeys.environments(projectKey))).sort(compareEnvironments);
  const environment = pickEnvironment(environments, environmentId, settings);
  const period = periodOf(days, now);
  const facts = new Map<string, DayFacts>();
  let updatedAt: string | null = null;
  if (environment) {
    const quarters = quartersBetween(period.previousFrom, period.to - 1);
    const raw = await store.getRaw(quarters.map((q) => doraKeys.days(projectKey, environment.id, q)));
    for (const q of quarters) {
      const quarter = parseQuarter(raw.get(doraKeys.days(projectKey, environment.id, q)));
      for (const [day, f] of quarter.days) facts.set(day, f);
      if (quarter.updatedAt && (!updatedAt || quarter.updatedAt > updatedAt)) updatedAt = quarter.updatedAt;
    }
  }
  return { environment, environments, figures: figuresOf(facts, period), days: facts, updatedAt, settings };
}
