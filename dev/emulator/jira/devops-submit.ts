import type { z } from 'zod';
import { jsonResponse } from '../types';
import { devopsSchemas, validate, type JsonSchema, type SchemaError } from './devops-schema';
import {
  buildData,
  buildId,
  deploymentData,
  deploymentId,
  type DevopsApi,
  type DevopsStore,
  type Stored,
} from './devops-store';
import type { JiraSite } from './site';

/**
 * POST /rest/deployments/0.1/bulk and /rest/builds/0.1/bulk, as Jira Software documents them
 * (vendor/atlassian-openapi/jira-software.v3.json): a request whose whole is malformed answers 400
 * with `[{ message }]`; an entity that breaks the schema or a rule is rejected on its own in a 202;
 * an update not newer than what is stored is ignored and still reported as accepted.
 */

/** The documented limit on association values of one deployment, across every association type. */
export const MAX_ASSOCIATION_VALUES = 500;

/** Jira's `ErrorMessages`: what every devops API answers on error. */
export function errorMessages(status: number, messages: readonly string[], headers: Record<string, string> = {}): Response {
  return jsonResponse(status, messages.map((message) => ({ message })), headers);
}

interface EntityKind {
  readonly api: DevopsApi;
  readonly schema: () => JsonSchema;
  readonly accepted: string;
  readonly rejected: string;
  /** The entity's key as the response reports it, and its identity in the store; undefined when it has none. */
  readonly keyOf: (item: Record<string, unknown>) => { key: Record<string, string | number>; id: string } | undefined;
  /** Broken rules the schema cannot say (counts across fields, required alternatives). */
  readonly ruleErrors: (item: Record<string, unknown>) => string[];
  /** Issue keys and ids the entity is associated with, and whether something else (a service) anchors it. */
  readonly issueRefs: (item: Record<string, unknown>) => { refs: string[]; otherAnchor: boolean };
  readonly store: (store: DevopsStore, id: string, item: unknown, properties: Record<string, string>, issueKeys: string[]) => void;
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const int = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);

interface Association {
  readonly type: string;
  readonly values: readonly unknown[];
}

function associationsOf(item: Record<string, unknown>): Association[] {
  const list = Array.isArray(item.associations) ? item.associations : [];
  return list.flatMap((a) => {
    const r = record(a);
    const type = str(r?.associationType);
    return type !== undefined && Array.isArray(r?.values) ? [{ type, values: r.values }] : [];
  });
}

const ISSUE_ASSOCIATIONS = new Set(['issueKeys', 'issueIdOrKeys']);

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function storeWith<T extends { updateSequenceNumber: number }>(
  schema: z.ZodType<T>,
  put: (store: DevopsStore, id: string, entity: Stored<T>) => boolean,
): EntityKind['store'] {
  return (store, id, item, properties, issueKeys) => void put(store, id, { data: schema.parse(item), properties, issueKeys });
}

export const DEPLOYMENTS: EntityKind = {
  api: 'deployments',
  schema: () => devopsSchemas().deployments,
  accepted: 'acceptedDeployments',
  rejected: 'rejectedDeployments',
  keyOf: (item) => {
    const pipelineId = str(record(item.pipeline)?.id);
    const environmentId = str(record(item.environment)?.id);
    const deploymentSequenceNumber = int(item.deploymentSequenceNumber);
    if (pipelineId === undefined || environmentId === undefined || deploymentSequenceNumber === undefined) return undefined;
    return { key: { pipelineId, environmentId, deploymentSequenceNumber }, id: deploymentId(pipelineId, environmentId, deploymentSequenceNumber) };
  },
  ruleErrors: (item) => {
    const errors: string[] = [];
    const associations = associationsOf(item);
    if (item.issueKeys === undefined && item.associations === undefined) errors.push('A deployment must specify one of issueKeys or associations.');
    if (item.associations !== undefined && !associations.some((a) => ISSUE_ASSOCIATIONS.has(a.type) || a.type === 'serviceIdOrKeys')) {
      errors.push('associations must contain at least one issueIdOrKeys (or issueKeys) or serviceIdOrKeys association.');
    }
    const total = associations.reduce((n, a) => n + a.values.length, 0) + stringsOf(item.issueKeys).length;
    if (total > MAX_ASSOCIATION_VALUES) {
      errors.push(`The number of association values across all associations must not exceed ${MAX_ASSOCIATION_VALUES}; this deployment has ${total}.`);
    }
    return errors;
  },
  issueRefs: (item) => {
    const associations = associationsOf(item);
    return {
      refs: [...stringsOf(item.issueKeys), ...associations.filter((a) => ISSUE_ASSOCIATIONS.has(a.type)).flatMap((a) => stringsOf(a.values))],
      otherAnchor: associations.some((a) => a.type === 'serviceIdOrKeys'),
    };
  },
  store: storeWith(deploymentData, (store, id, entity) => store.putDeployment(id, entity)),
};

export const BUILDS: EntityKind = {
  api: 'builds',
  schema: () => devopsSchemas().builds,
  accepted: 'acceptedBuilds',
  rejected: 'rejectedBuilds',
  keyOf: (item) => {
    const pipelineId = str(item.pipelineId);
    const buildNumber = int(item.buildNumber);
    if (pipelineId === undefined || buildNumber === undefined) return undefined;
    return { key: { pipelineId, buildNumber }, id: buildId(pipelineId, buildNumber) };
  },
  ruleErrors: () => [],
  issueRefs: (item) => ({ refs: stringsOf(item.issueKeys), otherAnchor: false }),
  store: storeWith(buildData, (store, id, entity) => store.putBuild(id, entity)),
};

function describe(errors: readonly SchemaError[]): string[] {
  return errors.map((e) => `${e.path} ${e.message}`);
}

/** Handles one bulk submission of `kind` against the site's store. */
export function submitBulk(kind: EntityKind, site: JiraSite, body: string | undefined): Response {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch (error) {
    return errorMessages(400, [`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const { resolve } = devopsSchemas();
  const errors = validate(kind.schema(), json, resolve);
  const itemPath = new RegExp(`^${kind.api}\\[(\\d+)\\]`);
  const requestErrors = errors.filter((e) => !itemPath.test(e.path));
  const request = record(json);
  const properties = Object.fromEntries(Object.entries(record(request?.properties) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  for (const key of Object.keys(properties)) {
    if (key.includes(':') || key.startsWith('_')) requestErrors.push({ path: `properties.${key}`, message: "is not a valid property key: keys cannot contain ':' or start with '_'" });
  }
  if (requestErrors.length > 0 || !request) return errorMessages(400, describe(requestErrors));

  const items = Array.isArray(request[kind.api]) ? (request[kind.api] as unknown[]) : [];
  const keyed = items.map((item, i) => ({ item: record(item) ?? {}, key: kind.keyOf(record(item) ?? {}), index: i }));
  const unkeyed = keyed.filter((k) => k.key === undefined).map((k) => `${kind.api}[${k.index}] has no valid key, so it can be neither stored nor reported: ${describe(errors.filter((e) => e.path.startsWith(`${kind.api}[${k.index}]`))).join('; ')}`);
  if (unkeyed.length > 0) return errorMessages(400, unkeyed);

  const accepted: Record<string, string | number>[] = [];
  const rejected: { key: Record<string, string | number>; errors: { message: string }[] }[] = [];
  const unknownIssueKeys: string[] = [];
  for (const { item, key, index } of keyed) {
    if (!key) continue;
    const own = describe(errors.filter((e) => itemPath.exec(e.path)?.[1] === String(index)));
    const problems = [...own, ...(own.length === 0 ? kind.ruleErrors(item) : [])];
    if (problems.length > 0) {
      rejected.push({ key: key.key, errors: problems.map((message) => ({ message })) });
      continue;
    }
    const { refs, otherAnchor } = kind.issueRefs(item);
    const known = [...new Set(refs.flatMap((ref) => site.issue(ref)?.key ?? []))];
    for (const ref of refs) {
      if (!site.issue(ref) && !/^\d+$/.test(ref) && !unknownIssueKeys.includes(ref)) unknownIssueKeys.push(ref);
    }
    if (refs.length > 0 && known.length === 0 && !otherAnchor) {
      rejected.push({ key: key.key, errors: [{ message: `Every issue key it is associated with is unknown on this site (${refs.join(', ')}), so it was not stored.` }] });
      continue;
    }
    kind.store(site.devops, key.id, item, properties, known);
    accepted.push(key.key);
  }
  return jsonResponse(202, { [kind.accepted]: accepted, [kind.rejected]: rejected, unknownIssueKeys });
}
