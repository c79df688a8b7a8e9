import type Resolver from '@forge/resolver';
import { requireSettingsProject } from '../project-settings/access';
import { rotateDeploySecret } from '../project-settings/deploy-secret';
import { listJobs, previewDeploySource } from '../project-settings/preview';
import { defaultStores, ProjectSettingsService } from '../project-settings/settings';
import { syncNow, syncStatus } from '../project-settings/sync';
import {
  PROJECT_SETTINGS_RESOLVERS as KEYS,
  issueIntegrationSchema,
  listJobsPayloadSchema,
  previewPayloadSchema,
  saveBuildServerPayloadSchema,
  saveDeploySourcesPayloadSchema,
  syncNowPayloadSchema,
} from '../shared/contract/project-settings';
import { BuildStore } from '../storage/build-store';
import { SyncStateStore } from '../storage/sync-state-store';
import { emptyPayloadSchema } from '../shared/contract/resolver';
import { defineResolver } from './define';

/**
 * The project settings page. Every resolver, reads included, first checks with Jira that the
 * caller administers the project the page is shown for; the project comes from the Forge context.
 */
export function defineProjectSettingsResolvers(resolver: Resolver): void {
  defineResolver(resolver, KEYS.get, emptyPayloadSchema, async ({ caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return new ProjectSettingsService(projectKey, defaultStores()).get();
  });

  defineResolver(resolver, KEYS.listJobs, listJobsPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return listJobs(defaultStores().connections, projectKey, payload.connectionId);
  });

  defineResolver(resolver, KEYS.saveBuildServer, saveBuildServerPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return new ProjectSettingsService(projectKey, defaultStores()).saveBuildServer(payload.defaultConnectionId, payload.jobs);
  });

  defineResolver(resolver, KEYS.saveDeploySources, saveDeploySourcesPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return new ProjectSettingsService(projectKey, defaultStores()).saveDeploySources(payload.sources);
  });

  defineResolver(resolver, KEYS.previewDeploySource, previewPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return previewDeploySource(defaultStores().connections, new BuildStore(), projectKey, payload.source);
  });

  defineResolver(resolver, KEYS.saveIssueIntegration, issueIntegrationSchema, async ({ payload, caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return new ProjectSettingsService(projectKey, defaultStores()).saveIssueIntegration(payload);
  });

  defineResolver(resolver, KEYS.rotateDeploySecret, emptyPayloadSchema, async ({ caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return rotateDeploySecret(defaultStores().configs, projectKey);
  });

  defineResolver(resolver, KEYS.syncStatus, emptyPayloadSchema, async ({ caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return syncStatus(defaultStores(), new SyncStateStore(), projectKey);
  });

  defineResolver(resolver, KEYS.syncNow, syncNowPayloadSchema, async ({ payload, caller }) => {
    const projectKey = await requireSettingsProject(caller);
    return syncNow(defaultStores(), projectKey, payload.connectionId);
  });
}
