import { defaultProjectConfig } from '../../../src/domain/project-config';
import { ProjectConfigStore } from '../../../src/storage/project-config-store';
import { testPlatform } from '../../support/platform';

/**
 * The agent reads only jobs of projects the asking user may browse: a project whose build
 * selection names every job (`**`) of the given connections, browsed by the given users.
 */
export async function projectReadingAllJobsOf(projectKey: string, connectionIds: readonly string[], viewers: readonly string[]): Promise<void> {
  const [lead] = viewers;
  if (!lead) throw new Error('a project needs a lead');
  testPlatform().site.addProject({ key: projectKey, lead, roles: Object.fromEntries(viewers.map((v) => [v, 'viewer'])) });
  const config = defaultProjectConfig(projectKey, '2026-11-20T10:00:00.000Z');
  await new ProjectConfigStore().save({ ...config, builds: connectionIds.map((connectionId) => ({ connectionId, jobs: ['**'] })) });
}
