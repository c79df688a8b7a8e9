/**
 * How the app's data is grouped into requests to Jira's devops APIs. Jira attaches a request's
 * `properties` to everything in it and deletes by them, so each request holds one project's data
 * from one connection; and it replaces a deployment or build whole, so one is never split.
 */

/** Property keys may not contain ':' or start with '_'; at most 5, values at most 255 characters. */
export const PROPERTY = { project: 'project', connection: 'connection' } as const;

export type JiraProperties = Readonly<Record<string, string>>;

/** What a request's data is tagged with, so that removing a connection or switching a project off can delete it. */
export function propertiesFor(projectKey: string, connectionId: string | null): JiraProperties {
  return connectionId === null ? { [PROPERTY.project]: projectKey } : { [PROPERTY.project]: projectKey, [PROPERTY.connection]: connectionId };
}

/**
 * Jira documents no maximum number of deployments or builds per request (the schema sets none),
 * only per-entity limits; where the docs are silent the app is stricter: 50 to a request and a
 * body well under a megabyte, so one deployment of 500 associations always fits with others.
 */
export const BATCH_LIMITS = { maxItems: 50, maxBytes: 512 * 1024 } as const;

/** The same entity twice in one send (the same run seen through two connections): the newest update only. */
export function newestByKey<T>(items: readonly T[], keyOf: (item: T) => string, orderOf: (item: T) => number): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = byKey.get(key);
    if (!seen || orderOf(item) > orderOf(seen)) byKey.set(key, item);
  }
  return [...byKey.values()];
}

/** Splits items into requests of at most `maxItems` and about `maxBytes` of JSON, never splitting an item. */
export function batches<T>(items: readonly T[], limits: { readonly maxItems: number; readonly maxBytes: number } = BATCH_LIMITS): T[][] {
  const result: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length;
    if (current.length > 0 && (current.length >= limits.maxItems || bytes + size > limits.maxBytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}
