/** Jira's environment types, in the order the issue panel lists them (production first). */
export const ENVIRONMENT_TYPES = ['production', 'staging', 'testing', 'development', 'unmapped'] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

export interface Environment {
  /** Stable id within the project, also Jira's `environment.id`: lower-case name with dashes. */
  readonly id: string;
  readonly name: string;
  readonly type: EnvironmentType;
}

export function environmentId(name: string): string {
  const id = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'default';
}

/** Sort order for environments: by type (production first), then by name. */
export function compareEnvironments(a: Environment, b: Environment): number {
  const byType = ENVIRONMENT_TYPES.indexOf(a.type) - ENVIRONMENT_TYPES.indexOf(b.type);
  return byType !== 0 ? byType : a.name.localeCompare(b.name);
}
