import type { Build } from '../domain/build';
import type { Deploy } from '../domain/deploy';
import type { ConnectionScope } from '../domain/connection-scope';
import { configsUsing } from '../domain/connection-usage';
import type { ProjectConfig } from '../domain/project-config';
import { readySiteProjectKeys } from '../jira/app-visibility';
import { buildKey, BuildStore } from '../storage/build-store';
import { DeployStore } from '../storage/deploy-store';
import { ProjectConfigStore } from '../storage/project-config-store';

/**
 * What one invocation knows, cached for its length and never beyond (a warm process serves other
 * sites next): the site's project keys, the project configurations, and the builds and deploys
 * this run is about to write. Queries see those pending values as if they were stored, so the
 * whole run can be planned with reads only and written afterwards, only if something changed.
 * A sync run and a deploy registration each plan their deploys with one.
 */
export class RunContext {
  readonly builds = new BuildStore();
  readonly deploys = new DeployStore();
  private siteKeys: Promise<string[]> | undefined;
  private configs: Promise<ProjectConfig[]> | undefined;
  private readonly shaBuilds = new Map<string, Promise<Build[]>>();
  private readonly pendingBuilds = new Map<string, Build>();
  private readonly pendingBySha = new Map<string, Build[]>();
  private readonly pendingByBranch = new Map<string, Build[]>();
  private readonly pendingDeploys = new Map<string, Deploy>();

  // An app that sees no project yet is waiting for its grants: readySiteProjectKeys refuses, so no deploy is planned without its issue links.
  constructor(private readonly loadSiteKeys: () => Promise<string[]> = readySiteProjectKeys) {}

  siteProjectKeys(): Promise<string[]> {
    this.siteKeys ??= this.loadSiteKeys();
    return this.siteKeys;
  }

  /** Configured projects that still exist on the site. */
  projectConfigs(): Promise<ProjectConfig[]> {
    this.configs ??= (async () => {
      const [stored, keys] = await Promise.all([new ProjectConfigStore().list(), this.siteProjectKeys()]);
      const existing = new Set(keys);
      return stored.filter((config) => existing.has(config.projectKey));
    })();
    return this.configs;
  }

  /** Projects whose configuration uses the connection; a connection added for one project serves that project only. */
  async configsUsing(connectionId: string, scope: ConnectionScope = { kind: 'site' }): Promise<ProjectConfig[]> {
    return configsUsing(await this.projectConfigs(), { id: connectionId, scope });
  }

  /** Builds this run read, shown to later queries of this run before they are written. */
  stageBuilds(builds: readonly Build[]): void {
    for (const build of builds) {
      this.pendingBuilds.set(buildKey(build), build);
      if (build.sha) push(this.pendingBySha, build.sha.toLowerCase(), build);
      if (build.branch) push(this.pendingByBranch, `${build.connectionId}\n${build.branch}`, build);
    }
    this.shaBuilds.clear();
  }

  stageDeploy(deploy: Deploy): void {
    this.pendingDeploys.set(deploy.id, deploy);
  }

  /** Every build of a commit, stored or staged. */
  buildsOfSha(sha: string): Promise<Build[]> {
    const key = sha.toLowerCase();
    let found = this.shaBuilds.get(key);
    if (!found) {
      const matches = (b: Build) => b.sha?.toLowerCase() === key;
      found = this.builds.bySha(sha).then((stored) => this.overlay(stored, this.pendingBySha.get(key) ?? [], matches));
      this.shaBuilds.set(key, found);
    }
    return found;
  }

  async buildsOnBranch(connectionId: string, branch: string, fromExclusive: number, toInclusive: number): Promise<Build[]> {
    const stored = await this.builds.onBranch(connectionId, branch, fromExclusive, toInclusive);
    const matches = (b: Build) => {
      const at = b.startedAt ? Date.parse(b.startedAt) : NaN;
      return b.connectionId === connectionId && b.branch === branch && at > fromExclusive && at <= toInclusive;
    };
    return this.overlay(stored, this.pendingByBranch.get(`${connectionId}\n${branch}`) ?? [], matches);
  }

  /** A deploy as this run last planned it, else as stored. */
  async deploy(id: string): Promise<Deploy | undefined> {
    return this.pendingDeploys.get(id) ?? (await this.deploys.get(id));
  }

  /** The latest deploys to an environment that started before `beforeMillis`, newest first. */
  async recentDeploys(projectKey: string, environmentId: string, beforeMillis: number, limit: number): Promise<Deploy[]> {
    const stored = await this.deploys.recentTo(projectKey, environmentId, beforeMillis, limit);
    const byId = new Map(stored.map((d) => [d.id, d]));
    for (const deploy of this.pendingDeploys.values()) {
      if (deploy.projectKey === projectKey && deploy.environment.id === environmentId && Date.parse(deploy.startedAt) < beforeMillis) {
        byId.set(deploy.id, deploy);
      }
    }
    return [...byId.values()].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)).slice(0, limit);
  }

  async deploysOfSha(sha: string): Promise<Deploy[]> {
    const stored = await this.deploys.bySha(sha);
    return stored.map((d) => this.pendingDeploys.get(d.id) ?? d);
  }

  /** A project's deploys that started at or after `fromMillis`, as this run last planned them. */
  async deploysSince(projectKey: string, fromMillis: number): Promise<Deploy[]> {
    const stored = await this.deploys.byProjectSince(projectKey, fromMillis);
    return stored.map((d) => this.pendingDeploys.get(d.id) ?? d);
  }

  /** Stored results with this run's versions in their place; a build that no longer matches drops out. */
  private overlay(stored: readonly Build[], pending: readonly Build[], matches: (build: Build) => boolean): Build[] {
    const byKey = new Map<string, Build>();
    for (const build of stored) {
      const key = buildKey(build);
      const staged = this.pendingBuilds.get(key);
      if (staged && !matches(staged)) continue;
      byKey.set(key, staged ?? build);
    }
    for (const build of pending) {
      const key = buildKey(build);
      // A build read twice in one run: only its last version counts.
      if (this.pendingBuilds.get(key) === build && matches(build)) byKey.set(key, build);
    }
    return [...byKey.values()].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
