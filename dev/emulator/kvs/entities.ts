import type { ManifestEntity } from '../manifest';
import { invalid } from './errors';
import { isRecord } from './limits';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
const ATTRIBUTE_TYPES: readonly string[] = ['string', 'integer', 'float', 'boolean', 'any'];

/** An index as Forge evaluates it: equality on every partition attribute, order and `where` on one range attribute. */
export interface EntityIndex {
  readonly name: string;
  readonly partition: readonly string[];
  readonly range: string;
}

export interface EntityDefinition {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, AttributeType>;
  readonly indexes: ReadonlyMap<string, EntityIndex>;
}

const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const INT32 = { min: -2147483648, max: 2147483647 };
// Forge stores floats with DynamoDB's number range: 0 or a magnitude in [1e-130, 1e126).
const FLOAT = { min: 1e-130, maxExclusive: 1e126 };

/** The custom entities declared in manifest.yml (`app.storage.entities`), which Forge validates values against. */
export class EntityCatalog {
  private readonly definitions = new Map<string, EntityDefinition>();

  constructor(entities: readonly ManifestEntity[]) {
    for (const entity of entities) this.definitions.set(entity.name, toDefinition(entity));
  }

  all(): EntityDefinition[] {
    return [...this.definitions.values()];
  }

  definition(name: string | undefined): EntityDefinition {
    if (name === undefined) throw invalid('INVALID_ENTITY_TYPE', 'An entity name is required');
    if (name.length < 3) throw invalid('ENTITY_TYPE_TOO_SHORT', `Entity name "${name}" is shorter than 3 characters`);
    if (name.length > 60) throw invalid('ENTITY_TYPE_TOO_LARGE', `Entity name "${name}" is longer than 60 characters`);
    if (!ENTITY_NAME.test(name)) throw invalid('INVALID_ENTITY_TYPE', `Entity name "${name}" does not match ${ENTITY_NAME.source}`);
    const definition = this.definitions.get(name);
    if (!definition) {
      const known = [...this.definitions.keys()].join(', ') || 'none';
      throw invalid('INVALID_ENTITY_TYPE', `Entity "${name}" is not declared in manifest.yml app.storage.entities (declared: ${known})`);
    }
    return definition;
  }

  index(definition: EntityDefinition, indexName: string): EntityIndex {
    const index = definition.indexes.get(indexName);
    if (!index) {
      const known = [...definition.indexes.keys()].join(', ') || 'none';
      throw invalid('INVALID_ENTITY_INDEX', `Entity "${definition.name}" has no index "${indexName}" in manifest.yml (declared: ${known})`);
    }
    return index;
  }
}

/** Checks an entity value against the declared attribute types; size, depth and null are checked by limits.ts. */
export function validateEntityValue(definition: EntityDefinition, value: unknown): asserts value is Record<string, unknown> {
  if (!isRecord(value)) {
    throw invalid('INVALID_ENTITY_VALUE', `A value of entity "${definition.name}" must be an object of its declared attributes`);
  }
  for (const [attribute, attributeValue] of Object.entries(value)) {
    const type = definition.attributes.get(attribute);
    if (!type) {
      throw invalid('INVALID_ENTITY_VALUE', `Attribute "${attribute}" is not declared for entity "${definition.name}" in manifest.yml`);
    }
    if (!hasType(attributeValue, type)) {
      throw invalid(
        'INVALID_ENTITY_VALUE',
        `Attribute "${attribute}" of entity "${definition.name}" must be ${describe(type)}, got ${JSON.stringify(attributeValue)}`,
      );
    }
  }
}

function hasType(value: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value) && typeof value === 'number' && value >= INT32.min && value <= INT32.max;
    case 'float':
      return typeof value === 'number' && (value === 0 || (Math.abs(value) >= FLOAT.min && Math.abs(value) < FLOAT.maxExclusive));
    case 'any':
      return true;
  }
}

function describe(type: AttributeType): string {
  if (type === 'integer') return 'a 32-bit signed integer';
  if (type === 'float') return 'a number (0 or a magnitude between 1e-130 and 1e126)';
  return `a ${type}`;
}

function toDefinition(entity: ManifestEntity): EntityDefinition {
  const attributes = new Map<string, AttributeType>();
  for (const [name, { type }] of Object.entries(entity.attributes)) {
    if (!isAttributeType(type)) {
      const allowed = ATTRIBUTE_TYPES.join(', ');
      throw new Error(`manifest.yml: attribute "${name}" of entity "${entity.name}" has type "${type}"; Forge allows ${allowed}`);
    }
    attributes.set(name, type);
  }
  const indexes = new Map<string, EntityIndex>();
  for (const declared of entity.indexes ?? []) {
    const index = typeof declared === 'string' ? { name: declared, partition: [], range: declared } : objectIndex(entity.name, declared);
    for (const attribute of [...index.partition, index.range]) {
      if (!attributes.has(attribute)) {
        throw new Error(`manifest.yml: index "${index.name}" of entity "${entity.name}" uses undeclared attribute "${attribute}"`);
      }
    }
    indexes.set(index.name, index);
  }
  return { name: entity.name, attributes, indexes };
}

type DeclaredIndex = Exclude<NonNullable<ManifestEntity['indexes']>[number], string>;

function objectIndex(entityName: string, declared: DeclaredIndex): EntityIndex {
  const [range, ...extra] = declared.range ?? [];
  if (range === undefined || extra.length > 0) {
    throw new Error(`manifest.yml: index "${declared.name}" of entity "${entityName}" must have exactly one range attribute`);
  }
  return { name: declared.name, partition: declared.partition ?? [], range };
}

function isAttributeType(type: string): type is AttributeType {
  return ATTRIBUTE_TYPES.includes(type);
}
