import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';

/** The parts of manifest.yml the emulator acts on. Atlassian's validator (`npm run lint:forge`) checks the rest. */
const functionSchema = z.object({
  key: z.string(),
  handler: z.string(),
  timeoutSeconds: z.number().int().positive().optional(),
});

const resolverRef = z.object({ function: z.string() });

const uiModuleSchema = z.looseObject({
  key: z.string(),
  resource: z.string().optional(),
  resolver: resolverRef.optional(),
  title: z.union([z.string(), z.looseObject({})]).optional(),
});

const entityIndexSchema = z.union([
  z.string(),
  z.object({
    name: z.string(),
    range: z.array(z.string()).optional(),
    partition: z.array(z.string()).optional(),
  }),
]);

const entitySchema = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.object({ type: z.string() })),
  indexes: z.array(entityIndexSchema).optional(),
});

const manifestSchema = z.object({
  app: z.looseObject({
    id: z.string(),
    runtime: z.object({ name: z.string() }),
    storage: z.looseObject({ entities: z.array(entitySchema).default([]) }).optional(),
  }),
  modules: z.looseObject({
    function: z.array(functionSchema).default([]),
    'jira:issuePanel': z.array(uiModuleSchema).default([]),
    'jira:projectSettingsPage': z.array(uiModuleSchema).default([]),
    'jira:adminPage': z.array(uiModuleSchema).default([]),
    'jira:projectPage': z.array(uiModuleSchema).default([]),
    scheduledTrigger: z
      .array(z.object({ key: z.string(), function: z.string(), interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) }))
      .default([]),
    consumer: z
      .array(
        z.looseObject({
          key: z.string(),
          queue: z.string(),
          function: z.string().optional(),
          resolver: z.object({ function: z.string(), method: z.string() }).optional(),
        }),
      )
      .default([]),
    webtrigger: z.array(z.looseObject({ key: z.string(), function: z.string() })).default([]),
    'rovo:agent': z.array(z.looseObject({ key: z.string() })).default([]),
    action: z.array(z.looseObject({ key: z.string(), function: z.string() })).default([]),
  }),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).default([]),
  permissions: z
    .looseObject({
      // A list, or a map whose entries may carry `allowImpersonation` (offline user impersonation):
      // https://developer.atlassian.com/platform/forge/manifest-reference/permissions
      scopes: z
        .union([z.array(z.string()), z.record(z.string(), z.looseObject({ allowImpersonation: z.boolean().optional() }).nullable())])
        .default([]),
      external: z
        .looseObject({
          fetch: z
            .looseObject({
              backend: z.array(z.union([z.string(), z.looseObject({ address: z.string() })])).default([]),
            })
            .optional(),
        })
        .optional(),
    })
    .default({ scopes: [] }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntity = z.infer<typeof entitySchema>;
export type UiModuleType = 'jira:issuePanel' | 'jira:projectSettingsPage' | 'jira:adminPage' | 'jira:projectPage';
export const UI_MODULE_TYPES: readonly UiModuleType[] = ['jira:issuePanel', 'jira:projectSettingsPage', 'jira:adminPage', 'jira:projectPage'];

export function loadManifest(path: string): Manifest {
  const parsed = yaml.load(readFileSync(path, 'utf8'));
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`manifest.yml is not what the emulator expects: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Seconds a function may run, as Forge applies them per kind of module. */
export function timeoutSecondsFor(manifest: Manifest, functionKey: string, moduleKind: ModuleKind): number {
  const declared = manifest.modules.function.find((f) => f.key === functionKey)?.timeoutSeconds;
  switch (moduleKind) {
    case 'resolver':
      return 25;
    case 'webtrigger':
    case 'action':
      return 55;
    case 'scheduledTrigger':
    case 'consumer':
      return Math.min(declared ?? 55, 900);
  }
}

export type ModuleKind = 'resolver' | 'webtrigger' | 'action' | 'scheduledTrigger' | 'consumer';

/** The scope names, whichever form the manifest declares them in. */
export function scopeNames(manifest: Manifest): string[] {
  const scopes = manifest.permissions.scopes;
  return Array.isArray(scopes) ? [...scopes] : Object.keys(scopes);
}

/**
 * Whether `asUser(accountId)` may run: Forge allows user impersonation only for scopes declared as a
 * map with `allowImpersonation: true` (https://developer.atlassian.com/platform/forge/manifest-reference/permissions).
 */
export function allowsImpersonation(manifest: Manifest): boolean {
  const scopes = manifest.permissions.scopes;
  return !Array.isArray(scopes) && Object.values(scopes).some((entry) => entry?.allowImpersonation === true);
}

/** Hosts a backend `fetch` may reach without an admin's consent. */
export function declaredEgress(manifest: Manifest): string[] {
  const backend = manifest.permissions.external?.fetch?.backend ?? [];
  return backend.map((entry) => (typeof entry === 'string' ? entry : entry.address));
}
