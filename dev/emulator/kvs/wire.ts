import { z } from 'zod';

/**
 * The JSON bodies `@forge/kvs` 1.6.5 POSTs (see its out/interfaces/kvs-api.d.ts). Values stay
 * `unknown` here: limits.ts checks them the way Forge does, with Forge's error codes.
 */
export const metadataField = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
export type MetadataField = z.infer<typeof metadataField>;

const ttl = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });

const getOptions = z.looseObject({ metadataFields: z.array(metadataField).optional() });

const setOptions = z.looseObject({
  ttl: ttl.optional(),
  keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
  returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  returnMetadataFields: z.array(metadataField).optional(),
});
export type SetOptions = z.infer<typeof setOptions>;

const entityName = z.string().optional();

export const getRequest = z.looseObject({ key: z.string(), entityName, options: getOptions.optional() });
export const setRequest = z.looseObject({ key: z.string(), entityName, value: z.unknown(), options: setOptions.optional() });
export const deleteRequest = z.looseObject({ key: z.string(), entityName });

export const queryRequest = z.looseObject({
  limit: z.number().optional(),
  after: z.string().optional(),
  where: z.array(z.looseObject({ property: z.string(), condition: z.string(), values: z.array(z.unknown()) })).optional(),
  options: getOptions.optional(),
});
export type QueryRequest = z.infer<typeof queryRequest>;

export const condition = z.looseObject({ condition: z.string(), values: z.array(z.unknown()) });
export type Condition = z.infer<typeof condition>;

export const filterItem = condition.extend({ property: z.string() });
export type FilterItem = z.infer<typeof filterItem>;

export const filters = z.looseObject({ and: z.array(filterItem).optional(), or: z.array(filterItem).optional() });
export type Filters = z.infer<typeof filters>;

export const entityQueryRequest = z.looseObject({
  entityName: z.string(),
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: condition.optional(),
  filters: filters.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  cursor: z.string().optional(),
  limit: z.number().optional(),
  metadataFields: z.array(metadataField).optional(),
  options: getOptions.optional(),
});
export type EntityQueryRequest = z.infer<typeof entityQueryRequest>;

export const batchGetRequest = z.array(getRequest);
export const batchSetRequest = z.array(setRequest);
export const batchDeleteRequest = z.array(deleteRequest);

const transactionItem = z.looseObject({ key: z.string(), entityName, conditions: filters.optional() });
export const transactionRequest = z.looseObject({
  set: z.array(transactionItem.extend({ value: z.unknown(), options: setOptions.optional() })).optional(),
  delete: z.array(transactionItem).optional(),
  check: z.array(transactionItem.extend({ conditions: filters })).optional(),
});
export type TransactionRequest = z.infer<typeof transactionRequest>;
