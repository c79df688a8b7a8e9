/**
 * Keys of the DORA records (src/storage/dora-store.ts), apart from keys.ts so the DORA feature
 * stays one unit. Project keys and environment ids are already within KVS's key characters.
 */
export const doraKeys = {
  settings: (projectKey: string) => `dora:${projectKey}:settings`,
  /** The environments that have rollups, for the page's picker. */
  environments: (projectKey: string) => `dora:${projectKey}:envs`,
  /** One value per environment and calendar quarter holding its days: 180 days touch at most 3. */
  days: (projectKey: string, environmentId: string, quarter: string) => `dora:${projectKey}:days:${environmentId}:${quarter}`,
  /** When the project's incidents were last read from Jira. */
  incidentsCheckedAt: (projectKey: string) => `dora:${projectKey}:incidents-checked`,
  /** Incidents tied to deploys, one value per quarter of the incidents' creation. */
  ties: (projectKey: string, quarter: string) => `dora:${projectKey}:ties:${quarter}`,
};

/** e.g. 2026Q4 for any instant in October to December 2026 (UTC). */
export function quarterOf(millis: number): string {
  const date = new Date(millis);
  return `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** The quarters from the one holding `from` to the one holding `to`, in order. */
export function quartersBetween(from: number, to: number): string[] {
  const out: string[] = [];
  const date = new Date(from);
  let year = date.getUTCFullYear();
  let q = Math.floor(date.getUTCMonth() / 3);
  const last = quarterOf(to);
  for (;;) {
    const quarter = `${year}Q${q + 1}`;
    out.push(quarter);
    if (quarter === last || out.length > 400) return out;
    q += 1;
    if (q === 4) {
      q = 0;
      year += 1;
    }
  }
}
