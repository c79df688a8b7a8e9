import { kvs } from '@forge/kvs';
import type { ProjectConfig } from '../domain/project-config';
import { projectConfigSchema } from '../domain/project-config';
import { keys } from './keys';
import { withNulls } from './kvs-records';
import { failingFor, parseHealth, type FailingConnection } from './sync-health-store';

/**
 * The issue panel's second storage call when an issue has no deploy yet: the project's
 * configuration (to say whether it is set up) and the failing connections, in one batch get.
 */
export async function configAndFailing(projectKey: string): Promise<{ config: ProjectConfig | undefined; failing: FailingConnection[] }> {
  const configKey = keys.projectConfig(projectKey);
  const result = await kvs.batchGet<unknown>([{ key: configKey }, { key: keys.syncHealth }]);
  const valueOf = (key: string) => result.successfulKeys.find((item) => item.key === key)?.value;
  const config = withNulls(projectConfigSchema, valueOf(configKey));
  return {
    config: config.success ? config.data : undefined,
    failing: failingFor(parseHealth(valueOf(keys.syncHealth)), projectKey),
  };
}
