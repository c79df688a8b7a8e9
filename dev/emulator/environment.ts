/**
 * The Forge environment the emulator claims to be: what `getAppContext().environmentType` and a
 * Custom UI context report. https://developer.atlassian.com/platform/forge/runtime-reference/app-context-api/
 * and https://developer.atlassian.com/platform/forge/environments-and-versions/
 */
export const ENVIRONMENT_TYPES = ['DEVELOPMENT', 'STAGING', 'PRODUCTION'] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

/**
 * Local mode (plain-http loopback egress) exists for `npm start` and tests in a DEVELOPMENT
 * environment only: a STAGING or PRODUCTION platform keeps Forge's rules, HTTPS to public names.
 */
export function localModeFor(environmentType: EnvironmentType, requested: boolean | undefined): boolean {
  if (environmentType === 'DEVELOPMENT') return requested ?? false;
  if (requested) throw new Error(`A ${environmentType} platform cannot be in local mode: Forge refuses loopback and plain-http egress there.`);
  return false;
}
