import { kvs } from '@forge/kvs';
import type { ProjectConfig } from '../domain/project-config';
import { projectConfigSchema } from '../domain/project-config';
import { keys } from './keys';
import { queryAll, withNulls } from './kvs-records';
import { failingFor, failingQuery, parseFailing, type FailingConnection } from './sync-health-store';

/**
 * The panel's storage reads when an issue has no deploy yet: the project's configuration (to say
 * whether it is set up) and the failing connections (one query page), side by side.
 */
export async function configAndFailing(projectKey: string): Promise<{ config: ProjectConfig | undefined; failing: FailingConnection[] }> {
  const [stored, failing] = await Promise.all([kvs.get<unknown>(keys.projectConfig(projectKey)), queryAll(failingQuery(), parseFailing)]);
  const config = withNulls(projectConfigSchema, stored);
  return {
    config: config.success ? config.data : undefined,
    failing: failingFor(failing, projectKey),
  };
}
