import { randomBytes } from 'node:crypto';
import type { ProjectConfigStore } from '../storage/project-config-store';
import { deployRegistrationUrl } from './settings';

/**
 * Creates or replaces the project's deploy registration secret and returns it this once: it is
 * stored with kvs.setSecret and no resolver reads it back, so a lost secret is rotated, not shown.
 * Requests signed with the old secret fail from this moment.
 */
export async function rotateDeploySecret(configs: ProjectConfigStore, projectKey: string): Promise<{ secret: string; url: string | null }> {
  const secret = randomBytes(32).toString('base64url');
  await configs.saveDeploySecret(projectKey, secret);
  return { secret, url: await deployRegistrationUrl(projectKey) };
}
