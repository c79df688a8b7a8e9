import { kvs, WhereConditions } from '@forge/kvs';
import { projectConfigSchema, type ProjectConfig } from '../domain/project-config';
import { keys } from './keys';
import { getValues, queryAll, withNulls, withoutNulls } from './kvs-records';

/** KVS refuses `null`: stored configs spell "no default build server" as an absent field. */
function parseConfig(value: unknown): ProjectConfig | undefined {
  const parsed = withNulls(projectConfigSchema, value);
  return parsed.success ? parsed.data : undefined;
}

export class ProjectConfigStore {
  async get(projectKey: string): Promise<ProjectConfig | undefined> {
    return parseConfig(await kvs.get(keys.projectConfig(projectKey)));
  }

  async save(config: ProjectConfig): Promise<void> {
    await kvs.set(keys.projectConfig(config.projectKey), withoutNulls(projectConfigSchema.parse(config)));
  }

  /** Every configured project; the sync reads them once per run. */
  async all(projectKeys: readonly string[]): Promise<ProjectConfig[]> {
    const configs: ProjectConfig[] = [];
    for (const value of (await getValues(projectKeys.map((key) => keys.projectConfig(key)))).values()) {
      const config = parseConfig(value);
      if (config) configs.push(config);
    }
    return configs;
  }

  /** Every stored configuration, found by key prefix: one read per 100 projects, whatever the site's size. */
  async list(): Promise<ProjectConfig[]> {
    return queryAll(kvs.query().where('key', WhereConditions.beginsWith(keys.projectPrefix)), parseConfig);
  }

  async deploySecret(projectKey: string): Promise<string | undefined> {
    const value: unknown = await kvs.getSecret(keys.deploySecret(projectKey));
    return typeof value === 'string' ? value : undefined;
  }

  async saveDeploySecret(projectKey: string, secret: string): Promise<void> {
    await kvs.setSecret(keys.deploySecret(projectKey), secret);
  }
}
