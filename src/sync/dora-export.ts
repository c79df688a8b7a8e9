import type { DomainFigures } from '../domain/dora/figures';
import { failureOf, leadTimesOf, recoveryOf, type DoraDeploy } from '../domain/dora/history';
import { median } from '../domain/dora/stats';
import { loadFigures } from '../storage/dora-figures';
import { doraHistory, rollupDeps } from './dora-rollups';

/** RFC 4180: quoted when a field holds a comma, quote or line break; CRLF between records. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  const field = (v: string | number | boolean | null) => {
    const text = v === null ? '' : String(v);
    // A leading =, +, - or @ would run as a formula in a spreadsheet: quoted with a ' so it stays text.
    const safe = /^[=+\-@]/.test(text) && typeof v === 'string' ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function figuresRows(f: DomainFigures): (string | number | null)[][] {
  const row = (measure: string, unit: string, m: { value: number | null; trend: { previous: number | null; change: number | null; direction: string | null } }, band: string | null, count: number) => [
    measure,
    unit,
    m.value,
    m.trend.previous,
    m.trend.change,
    m.trend.direction,
    band,
    count,
  ];
  return [
    ['measure', 'unit', 'value', 'previous', 'change', 'direction', 'band', 'count'],
    row('deploymentFrequency', 'successful deploys per day', f.deploymentFrequency, f.deploymentFrequency.band, f.deploymentFrequency.deploys),
    row('leadTimeMedian', 'seconds', f.leadTime, f.leadTime.band, f.leadTime.changes),
    row('leadTimeP90', 'seconds', { value: f.leadTime.p90, trend: f.leadTime.p90Trend }, null, f.leadTime.changes),
    row('changeFailureRate', 'share of finished deploys', f.changeFailureRate, f.changeFailureRate.band, f.changeFailureRate.deploys),
    row('recoveryTimeMedian', 'seconds', f.recoveryTime, f.recoveryTime.band, f.recoveryTime.recoveries),
    row('reworkRate', 'share of finished deploys', f.reworkRate, null, f.reworkRate.deploys),
  ];
}

/** One row per deploy of both periods with what it counts for, so any figure can be redone by hand. */
export function deployRows(history: readonly DoraDeploy[], urls: ReadonlyMap<string, string | null>, previousFrom: number, from: number, to: number): (string | number | boolean | null)[][] {
  const sorted = [...history].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  const shipped = new Set<string>();
  const rows: (string | number | boolean | null)[][] = [];
  sorted.forEach((d, i) => {
    if (d.startedAt >= previousFrom && d.startedAt < to) {
      const failure = failureOf(d);
      const leads = leadTimesOf(d, shipped);
      rows.push([
        d.startedAt >= from ? 'current' : 'previous',
        d.id,
        new Date(d.startedAt).toISOString(),
        d.finishedAt === null ? null : new Date(d.finishedAt).toISOString(),
        d.state,
        d.state === 'successful',
        failure,
        d.incidents.map((x) => x.key).join(' '),
        d.isFix,
        leads.length,
        median(leads),
        failure ? recoveryOf(d, sorted.slice(i + 1)) : null,
        urls.get(d.id) ?? null,
      ]);
    }
    if (d.state === 'successful') for (const c of d.commits) shipped.add(c.sha);
  });
  return rows;
}

export async function exportCsv(projectKey: string, days: 7 | 30 | 90, environmentId: string | undefined, what: 'figures' | 'deploys', now: number) {
  const loaded = await loadFigures(projectKey, days, environmentId, now);
  const envName = loaded.environment?.id ?? 'none';
  const filename = `${projectKey}-${envName}-${days}d-${what}.csv`;
  if (what === 'figures') {
    const rows = figuresRows(loaded.figures);
    return { filename, csv: toCsv(rows), rows: rows.length - 1 };
  }
  const header = ['period', 'deployId', 'startedAt', 'finishedAt', 'state', 'successful', 'failure', 'incidents', 'fix', 'commits', 'leadTimeMedianSeconds', 'recoverySeconds', 'url'];
  if (!loaded.environment) return { filename, csv: toCsv([header]), rows: 0 };
  const { period } = loaded.figures;
  const { history, deploys } = await doraHistory(projectKey, loaded.environment.id, period.previousFrom, rollupDeps(() => now));
  const rows = deployRows(history, new Map(deploys.map((d) => [d.id, d.url])), period.previousFrom, period.from, period.to);
  return { filename, csv: toCsv([header, ...rows]), rows: rows.length };
}
