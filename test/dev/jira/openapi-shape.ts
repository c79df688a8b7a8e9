import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Checks a response body against the response schema Atlassian publishes for the operation
 * (vendor/atlassian-openapi/jira-platform.v3.json): types, enums, required properties, and no
 * property the schema does not declare where it says `additionalProperties: false`.
 */
interface JsonSchema {
  readonly $ref?: string | undefined;
  readonly type?: string | undefined;
  readonly enum?: readonly unknown[] | undefined;
  readonly properties?: Readonly<Record<string, JsonSchema>> | undefined;
  readonly required?: readonly string[] | undefined;
  readonly items?: JsonSchema | undefined;
  readonly additionalProperties?: boolean | JsonSchema | undefined;
  readonly allOf?: readonly JsonSchema[] | undefined;
}

const jsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    $ref: z.string().optional(),
    type: z.string().optional(),
    enum: z.array(z.unknown()).optional(),
    properties: z.record(z.string(), jsonSchema).optional(),
    required: z.array(z.string()).optional(),
    items: jsonSchema.optional(),
    additionalProperties: z.union([z.boolean(), jsonSchema]).optional(),
    allOf: z.array(jsonSchema).optional(),
  }),
);

const specSchema = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});

const operationSchema = z.object({
  responses: z.record(z.string(), z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() })),
});

const spec = specSchema.parse(
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../vendor/atlassian-openapi/jira-platform.v3.json'), 'utf8')),
);

function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return jsonSchema.parse(spec.components.schemas[name]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorsOf(value: unknown, raw: JsonSchema, at: string): string[] {
  const schema = resolve(raw);
  const errors = (schema.allOf ?? []).flatMap((part) => errorsOf(value, part, at));
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' ? errors : [...errors, `${at}: expected a string, got ${JSON.stringify(value)}`];
    case 'integer':
      return Number.isInteger(value) ? errors : [...errors, `${at}: expected an integer, got ${JSON.stringify(value)}`];
    case 'number':
      return typeof value === 'number' ? errors : [...errors, `${at}: expected a number, got ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? errors : [...errors, `${at}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [...errors, `${at}: expected an array`];
      return [...errors, ...value.flatMap((item, i) => (schema.items ? errorsOf(item, schema.items, `${at}[${i}]`) : []))];
  }
  if (schema.type !== 'object' && !schema.properties) return errors;
  if (!isRecord(value)) return [...errors, `${at}: expected an object`];
  for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${at}.${key}: required but missing`);
  for (const [key, item] of Object.entries(value)) {
    const declared = schema.properties?.[key];
    if (declared) errors.push(...errorsOf(item, declared, `${at}.${key}`));
    else if (isRecord(schema.additionalProperties)) errors.push(...errorsOf(item, schema.additionalProperties, `${at}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${at}.${key}: not declared by the schema`);
  }
  return errors;
}

/** The problems of `body` as the `status` answer of `method path` (e.g. 'get', '/rest/api/3/myself'); empty when it conforms. */
export function shapeErrors(method: string, apiPath: string, status: number, body: unknown): string[] {
  const operation = operationSchema.parse(spec.paths[apiPath]?.[method]);
  const content = operation.responses[String(status)]?.content?.['application/json'];
  if (!content) return [`${method.toUpperCase()} ${apiPath} documents no JSON body for ${status}`];
  return errorsOf(body, jsonSchema.parse(content.schema), 'body');
}
