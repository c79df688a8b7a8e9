import { webTrigger } from '@forge/api';
import { servesProject } from '../domain/connection-scope';
import { defaultProjectConfig, type ProjectConfig } from '../domain/project-config';
import type { DeploySourceInput, ProjectSettings } from '../shared/contract/project-settings';
import { ConnectionStore, type ConnectionEntry } from '../storage/connection-store';
import { ProjectConfigStore } from '../storage/project-config-store';
import { withdrawProject } from '../sync/jira-devops-withdraw';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../webtrigger/signature';
import { toDeploySources } from './deploy-sources';
import { InvalidSettings } from './errors';

export const DEPLOY_REGISTRATION_TRIGGER = 'deploy-registration';

export interface Stores {
  readonly connections: ConnectionStore;
  readonly configs: ProjectConfigStore;
}

export function defaultStores(): Stores {
  return { connections: new ConnectionStore(), configs: new ProjectConfigStore() };
}

/** The connections a project may use: the site's and its own, by id. */
export async function availableConnections(store: ConnectionStore, projectKey: string): Promise<Map<string, ConnectionEntry>> {
  const entries = (await store.list()).filter((e) => servesProject(e.scope, projectKey));
  return new Map(entries.map((e) => [e.connection.id, e]));
}

/** The web trigger's URL for this project: one trigger serves every project, told apart by `?project=`. */
export async function deployRegistrationUrl(projectKey: string): Promise<string | null> {
  try {
    const url = new URL(await webTrigger.getUrl(DEPLOY_REGISTRATION_TRIGGER));
    url.searchParams.set('project', projectKey);
    return url.toString();
  } catch {
    // The page still works without it; the Deploys tab says the URL is unavailable.
    return null;
  }
}

/**
 * One project's settings. Each tab saves its own part of the configuration on top of the latest
 * stored record, so saving one tab never reverts another tab saved meanwhile.
 */
export class ProjectSettingsService {
  constructor(
    private readonly projectKey: string,
    private readonly stores: Stores,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  private async config(): Promise<{ config: ProjectConfig; stored: boolean }> {
    const stored = await this.stores.configs.get(this.projectKey);
    return stored ? { config: stored, stored: true } : { config: defaultProjectConfig(this.projectKey, this.now()), stored: false };
  }

  private async update(change: (config: ProjectConfig) => ProjectConfig): Promise<{ updatedAt: string }> {
    const { config } = await this.config();
    const next = { ...change(config), updatedAt: this.now() };
    await this.stores.configs.save(next);
    return { updatedAt: next.updatedAt };
  }

  async get(): Promise<ProjectSettings> {
    const [{ config, stored }, available, secret, url] = await Promise.all([
      this.config(),
      availableConnections(this.stores.connections, this.projectKey),
      this.stores.configs.deploySecret(this.projectKey),
      deployRegistrationUrl(this.projectKey),
    ]);
    return {
      projectKey: this.projectKey,
      defaultConnectionId: config.defaultConnectionId,
      buildJobs: config.builds.find((b) => b.connectionId === config.defaultConnectionId)?.jobs ?? [],
      deploySources: config.deploySources.map((s) => ({ ...s, environment: { ...s.environment } })),
      issueIntegration: {
        provider: config.issueIntegration.provider,
        scanCommitMessages: config.issueIntegration.scanCommitMessages,
        scanBranchNames: config.issueIntegration.scanBranchNames,
        keyScope: config.issueIntegration.keyScope,
      },
      issueIntegrationChosen: config.issueIntegration.chosenAt !== undefined,
      connections: [...available.values()].map((e) => ({
        id: e.connection.id,
        name: e.connection.name,
        kind: e.connection.kind,
        scope: e.scope.kind,
      })),
      deployRegistration: { url, secretConfigured: secret !== undefined, signatureHeader: SIGNATURE_HEADER, timestampHeader: TIMESTAMP_HEADER },
      updatedAt: stored ? config.updatedAt : null,
    };
  }

  async saveBuildServer(defaultConnectionId: string | null, jobs: readonly string[]): Promise<{ updatedAt: string }> {
    if (defaultConnectionId !== null) {
      const available = await availableConnections(this.stores.connections, this.projectKey);
      if (!available.has(defaultConnectionId)) throw new InvalidSettings(['pick a connection this project can use as its default build server']);
    } else if (jobs.length > 0) {
      throw new InvalidSettings(['pick a default build server before choosing which of its jobs count as builds']);
    }
    const cleaned = [...new Set(jobs.map((j) => j.trim()).filter(Boolean))];
    // The page manages builds through the default build server only, so the stored selection is
    // exactly what the tab shows: no hidden selection of an earlier server keeps counting.
    return this.update((config) => ({
      ...config,
      defaultConnectionId,
      builds: defaultConnectionId === null ? [] : [{ connectionId: defaultConnectionId, jobs: cleaned }],
    }));
  }

  async saveDeploySources(inputs: readonly DeploySourceInput[]): Promise<{ updatedAt: string }> {
    const sources = toDeploySources(inputs, await availableConnections(this.stores.connections, this.projectKey));
    return this.update((config) => ({ ...config, deploySources: sources }));
  }

  async saveIssueIntegration(integration: ProjectConfig['issueIntegration']): Promise<{ updatedAt: string }> {
    const before = (await this.config()).config.issueIntegration.provider;
    // Switching away from Jira takes back what the project sent there, before the switch is saved.
    if (before === 'jira' && integration.provider !== 'jira') await withdrawProject(this.projectKey);
    return this.update((config) => ({ ...config, issueIntegration: { ...integration, chosenAt: this.now() } }));
  }
}
