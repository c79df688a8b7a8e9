import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The request schemas of Jira Software's devops bulk APIs, read from Atlassian's own document
 * (vendor/atlassian-openapi/jira-software.v3.json), and a validator for the part of JSON Schema
 * they use. Keywords the validator does not know make loading fail, so a newer copy of the
 * document can never be checked more kindly than it says.
 */
export interface JsonSchema {
  readonly $ref?: string | undefined;
  readonly type?: string | undefined;
  readonly enum?: readonly unknown[] | undefined;
  readonly format?: string | undefined;
  readonly pattern?: string | undefined;
  readonly maxLength?: number | undefined;
  readonly minItems?: number | undefined;
  readonly maxItems?: number | undefined;
  readonly maxProperties?: number | undefined;
  readonly required?: readonly string[] | undefined;
  readonly properties?: Readonly<Record<string, JsonSchema>> | undefined;
  readonly additionalProperties?: boolean | JsonSchema | undefined;
  readonly items?: JsonSchema | undefined;
  readonly oneOf?: readonly JsonSchema[] | undefined;
  readonly anyOf?: readonly JsonSchema[] | undefined;
  readonly allOf?: readonly JsonSchema[] | undefined;
}

/** Keywords that only document (descriptions, examples) and change nothing a request may carry. */
const ANNOTATIONS = new Set(['description', 'example', 'title', 'deprecated', 'default', 'readOnly', 'writeOnly', 'nullable']);

const jsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z
    .object({
      $ref: z.string().optional(),
      type: z.enum(['object', 'array', 'string', 'integer', 'number', 'boolean']).optional(),
      enum: z.array(z.unknown()).optional(),
      format: z.string().optional(),
      pattern: z.string().optional(),
      maxLength: z.number().int().optional(),
      minItems: z.number().int().optional(),
      maxItems: z.number().int().optional(),
      maxProperties: z.number().int().optional(),
      required: z.array(z.string()).optional(),
      properties: z.record(z.string(), jsonSchema).optional(),
      additionalProperties: z.union([z.boolean(), jsonSchema]).optional(),
      items: jsonSchema.optional(),
      oneOf: z.array(jsonSchema).optional(),
      anyOf: z.array(jsonSchema).optional(),
      allOf: z.array(jsonSchema).optional(),
    })
    .catchall(z.unknown())
    .superRefine((schema, ctx) => {
      for (const key of Object.keys(schema)) {
        if (!(key in jsonSchemaKeys) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
          ctx.addIssue({ code: 'custom', message: `The devops validator does not know the JSON Schema keyword '${key}': teach it in dev/emulator/jira/devops-schema.ts` });
        }
      }
    }),
);

const jsonSchemaKeys: Record<keyof JsonSchema, true> = {
  $ref: true, type: true, enum: true, format: true, pattern: true, maxLength: true, minItems: true, maxItems: true,
  maxProperties: true, required: true, properties: true, additionalProperties: true, items: true, oneOf: true, anyOf: true, allOf: true,
};

const documentSchema = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()).default({}) }).optional(),
});

const operationSchema = z.object({
  requestBody: z.object({ content: z.object({ 'application/json': z.object({ schema: z.unknown() }) }) }),
});

export const SOFTWARE_DOCUMENT = path.resolve(__dirname, '../../../vendor/atlassian-openapi/jira-software.v3.json');

export interface DevopsSchemas {
  readonly deployments: JsonSchema;
  readonly builds: JsonSchema;
  /** Resolves `$ref`s against the document's components. */
  readonly resolve: (schema: JsonSchema) => JsonSchema;
}

let cached: DevopsSchemas | undefined;

/** The request body schemas of POST /deployments/0.1/bulk and /builds/0.1/bulk (served under /rest). */
export function devopsSchemas(file = SOFTWARE_DOCUMENT): DevopsSchemas {
  if (cached && file === SOFTWARE_DOCUMENT) return cached;
  const document = documentSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const components = document.components?.schemas ?? {};
  const bodyOf = (p: string): JsonSchema => {
    const operation = operationSchema.parse(document.paths[p]?.post);
    return reconcileOneOf(jsonSchema.parse(operation.requestBody.content['application/json'].schema));
  };
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref === undefined) return schema;
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : components[name];
    if (target === undefined) throw new Error(`${file}: cannot resolve ${schema.$ref}`);
    return resolve(reconcileOneOf(jsonSchema.parse(target)));
  };
  const schemas = { deployments: bodyOf('/deployments/0.1/bulk'), builds: bodyOf('/builds/0.1/bulk'), resolve };
  if (file === SOFTWARE_DOCUMENT) cached = schemas;
  return schemas;
}

/**
 * The document gives a deployment's association items both a `oneOf` (issue keys, service ids) and
 * an `anyOf` that adds commits. Read literally, `oneOf` would refuse every commit association,
 * which the `associations` description and the commit association's own description (its values
 * count toward the 500) say are accepted: the `oneOf` is the older, shorter list. Where every
 * `oneOf` branch is also an `anyOf` branch, the `anyOf` is what the emulator applies.
 */
function reconcileOneOf(schema: JsonSchema): JsonSchema {
  const walk = (s: JsonSchema): JsonSchema => {
    const out: Record<string, unknown> = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, walk(v)]));
    if (s.items) out.items = walk(s.items);
    if (typeof s.additionalProperties === 'object') out.additionalProperties = walk(s.additionalProperties);
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const list = s[key];
      if (list) out[key] = list.map(walk);
    }
    const anyOf = s.anyOf?.map((b) => JSON.stringify(b));
    if (s.oneOf && anyOf && s.oneOf.every((b) => anyOf.includes(JSON.stringify(b)))) delete out.oneOf;
    return out as JsonSchema;
  };
  return walk(schema);
}

export interface SchemaError {
  /** Where in the value, e.g. `deployments[0].environment.type`. */
  readonly path: string;
  readonly message: string;
}

// RFC 3339 date-time, as OpenAPI's `format: date-time` means it.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const INT64_MAX = 2n ** 63n - 1n;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function formatError(format: string, value: string): string | undefined {
  switch (format) {
    case 'date-time':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : `is not an RFC 3339 date-time (e.g. 2026-01-20T23:27:25.000Z)`;
    case 'uri':
    case 'URL':
      // Jira shows these as links; a relative or schemeless value is not one.
      return URL.canParse(value) ? undefined : 'is not an absolute URL';
    default:
      return undefined;
  }
}

/** Every way `value` breaks `schema` (empty when it conforms). */
export function validate(schema: JsonSchema, value: unknown, resolve: (s: JsonSchema) => JsonSchema, at = ''): SchemaError[] {
  const s = resolve(schema);
  const errors: SchemaError[] = [];
  const fail = (message: string): void => void errors.push({ path: at || '(body)', message });
  const actual = typeOf(value);
  if (s.type !== undefined && actual !== s.type && !(s.type === 'number' && actual === 'integer')) {
    fail(`must be ${s.type === 'integer' || s.type === 'array' || s.type === 'object' ? 'an' : 'a'} ${s.type}, not ${actual}`);
    return errors;
  }
  if (s.enum && !s.enum.includes(value)) fail(`must be one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`);
  if (typeof value === 'number' && s.format === 'int64' && (!Number.isSafeInteger(value) || BigInt(value) > INT64_MAX)) {
    fail('must be a 64-bit integer that JSON numbers carry exactly');
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (s.maxLength !== undefined && length > s.maxLength) fail(`must be at most ${s.maxLength} characters, not ${length}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value)) fail(`must match ${s.pattern}, not ${JSON.stringify(value)}`);
    const bad = s.format === undefined ? undefined : formatError(s.format, value);
    if (bad) fail(bad);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) fail(`must have at least ${s.minItems} item(s), not ${value.length}`);
    if (s.maxItems !== undefined && value.length > s.maxItems) fail(`must have at most ${s.maxItems} items, not ${value.length}`);
    const items = s.items;
    if (items) value.forEach((item, i) => errors.push(...validate(items, item, resolve, `${at}[${i}]`)));
  }
  if (actual === 'object') errors.push(...validateObject(s, value as Record<string, unknown>, resolve, at));
  for (const branch of s.allOf ?? []) errors.push(...validate(branch, value, resolve, at));
  if (s.anyOf && !s.anyOf.some((b) => validate(b, value, resolve, at).length === 0)) {
    fail(`matches none of the ${s.anyOf.length} allowed forms${closest(s.anyOf, value, resolve, at)}`);
  }
  if (s.oneOf) {
    const matching = s.oneOf.filter((b) => validate(b, value, resolve, at).length === 0).length;
    if (matching !== 1) fail(`must match exactly one of ${s.oneOf.length} forms, matches ${matching}${matching === 0 ? closest(s.oneOf, value, resolve, at) : ''}`);
  }
  return errors;
}

function validateObject(s: JsonSchema, value: Record<string, unknown>, resolve: (s: JsonSchema) => JsonSchema, at: string): SchemaError[] {
  const errors: SchemaError[] = [];
  const keys = Object.keys(value);
  for (const name of s.required ?? []) {
    if (value[name] === undefined || value[name] === null) errors.push({ path: at ? `${at}.${name}` : name, message: 'is required' });
  }
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
    errors.push({ path: at || '(body)', message: `must have at most ${s.maxProperties} properties, not ${keys.length}` });
  }
  for (const key of keys) {
    const child = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    const where = at ? `${at}.${key}` : key;
    if (child) {
      if (value[key] !== undefined) errors.push(...validate(child, value[key], resolve, where));
    } else if (s.additionalProperties === false) {
      errors.push({ path: where, message: 'is not a property this schema allows' });
    }
  }
  return errors;
}

/** The errors of the branch that comes closest, so a message says what to fix rather than only "no match". */
function closest(branches: readonly JsonSchema[], value: unknown, resolve: (s: JsonSchema) => JsonSchema, at: string): string {
  const scored = branches.map((b) => validate(b, value, resolve, at)).sort((a, b) => a.length - b.length);
  const best = scored[0];
  return best && best.length > 0 ? ` (closest: ${best.map((e) => `${e.path} ${e.message}`).join('; ')})` : '';
}
