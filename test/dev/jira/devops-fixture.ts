import path from 'node:path';
import api, { type Route } from '@forge/api';
import type { Platform } from '../../../dev/emulator/platform';
import { createTestPlatform } from '../../support/platform';
import { bodyOf, inInvocation, seedSite } from './fixture';

/** A platform on one of the devops fixture manifests (test/dev/fixtures), its site seeded with DEMO and OPS. */
export function devopsPlatform(manifest = 'devops-manifest.yml'): Platform {
  const platform = createTestPlatform({ manifestPath: path.join(__dirname, '../fixtures', manifest) });
  seedSite(platform.site);
  return platform;
}

/** Calls the installed platform's Jira as the app, from a trigger-like invocation. */
export async function asApp(route: Route, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await inInvocation(undefined, () =>
    api.asApp().requestJira(route, {
      method: init.method ?? 'GET',
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body), headers: { 'Content-Type': 'application/json' } }),
    }),
  );
  return { status: response.status, body: await bodyOf(response), headers: new Headers(response.headers as HeadersInit) };
}

/** A valid deployment of DEMO-1 to Production, in the documented shape. */
export function aDeployment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: '1.0',
    deploymentSequenceNumber: 7,
    updateSequenceNumber: 1000,
    displayName: 'Deploy #7',
    url: 'https://ci.example.test/deploys/7',
    description: 'Deploy #7 of web',
    lastUpdated: '2026-03-01T10:00:00.000Z',
    state: 'successful',
    pipeline: { id: 'pipeline-web', displayName: 'web', url: 'https://ci.example.test/web' },
    environment: { id: 'env-prod', displayName: 'Production', type: 'production' },
    associations: [{ associationType: 'issueIdOrKeys', values: ['DEMO-1'] }],
    ...overrides,
  };
}

/** A valid build of DEMO-1. */
export function aBuild(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: '1.0',
    pipelineId: 'web-ci',
    buildNumber: 42,
    updateSequenceNumber: 1000,
    displayName: 'web #42',
    url: 'https://ci.example.test/builds/42',
    state: 'successful',
    lastUpdated: '2026-03-01T09:00:00.000Z',
    issueKeys: ['DEMO-1'],
    testInfo: { totalNumber: 10, numberPassed: 9, numberFailed: 1 },
    references: [{ commit: { id: 'abc123', repositoryUri: 'https://git.example.test/web' }, ref: { name: 'main', uri: 'https://git.example.test/web/tree/main' } }],
    ...overrides,
  };
}
