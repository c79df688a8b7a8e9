import { kvs } from '@forge/kvs';
import { projectConfigSchema, type ProjectConfig } from '../domain/project-config';
import { keys } from './keys';

export class ProjectConfigStore {
  async get(projectKey: string): Promise<ProjectConfig | undefined> {
    const parsed = projectConfigSchema.safeParse(await kvs.get(keys.projectConfig(projectKey)));
    return parsed.success ? parsed.data : undefined;
  }

  async save(config: ProjectConfig): Promise<void> {
    await kvs.set(keys.projectConfig(config.projectKey), projectConfigSchema.parse(config));
  }

  /** Every configured project; the sync reads them once per run. */
  async all(projectKeys: readonly string[]): Promise<ProjectConfig[]> {
    const configs: ProjectConfig[] = [];
    for (let i = 0; i < projectKeys.length; i += 25) {
      const batch = projectKeys.slice(i, i + 25).map((key) => ({ key: keys.projectConfig(key) }));
      const result = await kvs.batchGet<unknown>(batch);
      for (const item of result.successfulKeys) {
        const parsed = projectConfigSchema.safeParse(item.value);
        if (parsed.success) configs.push(parsed.data);
      }
    }
    return configs;
  }

  async deploySecret(projectKey: string): Promise<string | undefined> {
    const value: unknown = await kvs.getSecret(keys.deploySecret(projectKey));
    return typeof value === 'string' ? value : undefined;
  }

  async saveDeploySecret(projectKey: string, secret: string): Promise<void> {
    await kvs.setSecret(keys.deploySecret(projectKey), secret);
  }
}
