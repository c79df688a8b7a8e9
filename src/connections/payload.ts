import { z } from 'zod';
import type * as core from 'zod/v4/core';

/**
 * A resolver payload schema from the shared contract, which is written with zod/mini so the pages
 * stay small. Validation is the contract schema's own; this only gives defineResolver the
 * classic zod type it takes.
 */
export function payloadOf<S extends core.$ZodType>(schema: S) {
  return z.unknown().pipe(schema);
}
