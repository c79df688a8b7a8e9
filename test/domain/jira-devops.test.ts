import type { Connection } from '../../src/domain/connection';
import { DEPLOY_STATES, type Deploy } from '../../src/domain/deploy';
import { clip, pipelineIdOf, serverIdOf, updateSequenceNumber } from '../../src/domain/jira-devops';
import { batches, newestByKey } from '../../src/domain/jira-devops-batch';
import { toJiraBuild } from '../../src/domain/jira-devops-build';
import { associationsFor, deploymentSequenceNumber, toJiraDeployment } from '../../src/domain/jira-devops-deployment';
import { aBuild, aDeploy } from '../support/builders';

const jenkins = (id: string, baseUrl: string): Connection => ({ kind: 'jenkins', id, name: id, baseUrl, username: 'u', customHeaders: {} });

describe('pipeline identity', () => {
  it('names the server and the job, not the connection, so two connections to one Jenkins share it', () => {
    // Given two connections to the same Jenkins, one spelled with a default port and a trailing slash
    const a = serverIdOf(jenkins('site-1', 'https://CI.example.com/jenkins'));
    const b = serverIdOf(jenkins('project-1', 'https://ci.example.com:443/jenkins/'));
    // Then their pipeline ids for a job are the same, and readable
    expect(pipelineIdOf(a, 'shop/deploy')).toBe(pipelineIdOf(b, 'shop/deploy'));
    expect(pipelineIdOf(a, 'shop/deploy')).toBe('jenkins:ci.example.com/jenkins:shop/deploy');
  });

  it('keeps long ids within 255 characters, distinct, and with a non-negative hex digest', () => {
    // Given two job names longer than Jira allows that differ only at the end
    const long = 'x'.repeat(300);
    const one = pipelineIdOf('jenkins:ci', `${long}-a`);
    const two = pipelineIdOf('jenkins:ci', `${long}-b`);
    // Then both fit, differ, and end in 16 hex digits
    expect(one.length).toBeLessThanOrEqual(255);
    expect(one).not.toBe(two);
    expect(one).toMatch(/~[0-9a-f]{16}$/);
  });
});

describe('order of updates', () => {
  it('ranks a later state of the same instant higher, and a later instant higher still', () => {
    const at = '2026-11-01T10:00:00.000Z';
    expect(updateSequenceNumber('in_progress', at, null)).toBeGreaterThan(updateSequenceNumber('pending', at, null));
    expect(updateSequenceNumber('rolled_back', at, at)).toBeGreaterThan(updateSequenceNumber('successful', at, at));
    expect(updateSequenceNumber('in_progress', at, null)).toBeLessThan(updateSequenceNumber('successful', at, '2026-11-01T10:01:00.000Z'));
    expect(Number.isSafeInteger(updateSequenceNumber('successful', at, '2200-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('ranks a deploy higher when the app learns more of it in the same state, and an earlier view lower', () => {
    // Given a deploy as first synced, and as seen after a later build added a key and a snapshot build
    const number = (deploy: Deploy) => {
      const mapped = toJiraDeployment(deploy, { pipelineId: 'p', projectKey: 'DEMO' });
      return 'deployment' in mapped ? mapped.deployment.updateSequenceNumber : Number.NaN;
    };
    const first = aDeploy({ issueKeys: ['DEMO-1'] });
    const linked = aDeploy({ issueKeys: ['DEMO-1', 'DEMO-2'] });
    const snapshot = aDeploy({ issueKeys: ['DEMO-1', 'DEMO-2'], snapshot: [{ provider: 'jenkins', connectionId: 'c', job: aBuild().job, number: 3, url: null, stateAtDeploy: 'successful', startedAt: null, finishedAt: null, durationMs: null }] });
    // Then each later view ranks higher, the same view the same, and a newer state above them all
    expect(number(linked)).toBeGreaterThan(number(first));
    expect(number(snapshot)).toBeGreaterThan(number(linked));
    expect(number(aDeploy({ issueKeys: ['DEMO-1'] }))).toBe(number(first));
    expect(number(aDeploy({ state: 'rolled_back', finishedAt: '2026-11-01T12:00:00.000Z' }))).toBeGreaterThan(number(snapshot));
    expect(number(aDeploy({ state: 'in_progress', finishedAt: null, issueKeys: Array.from({ length: 400 }, (_, i) => `DEMO-${i + 1}`) }))).toBeLessThan(number(first));
  });

  it('ranks above what the first release sent (milliseconds × 8), so no earlier send blocks an update', () => {
    const at = '2026-11-01T10:00:00.999Z';
    expect(updateSequenceNumber('pending', at, null)).toBeGreaterThan(Date.parse(at) * 8 + 6);
  });

  it('numbers a CI deploy by its run and a registered one by its start, so neither goes back', () => {
    expect(deploymentSequenceNumber(aDeploy({ origin: { kind: 'ci', sourceId: 's', provider: 'jenkins', connectionId: 'c', jobId: 'j', buildNumber: 41 } }))).toBe(41);
    const registered = { origin: { kind: 'registration', pipelineId: 'p', runId: 'release-7' }, sequence: 7 } as const;
    const earlier = deploymentSequenceNumber(aDeploy({ ...registered, startedAt: '2026-11-01T10:00:00.000Z' }));
    const later = deploymentSequenceNumber(aDeploy({ ...registered, startedAt: '2026-11-01T11:00:00.000Z' }));
    expect(later).toBeGreaterThan(earlier);
  });
});

describe('a deploy as a Jira deployment', () => {
  it('sends 500 associations of 800 candidates: the project’s keys first, then others, then commits', () => {
    // Given 300 keys of another project listed before 500 of DEMO's, and commits
    const others = Array.from({ length: 300 }, (_, i) => `OPS-${i + 1}`);
    const own = Array.from({ length: 500 }, (_, i) => `DEMO-${i + 1}`);
    // When they become associations
    const associations = associationsFor([...others, ...own], 'DEMO', ['c1'], 'repo-1');
    // Then exactly 500 DEMO keys go, and no commit fits
    expect(associations).toEqual([{ associationType: 'issueKeys', values: own }]);
    // And with fewer keys, commits fill the room left
    expect(associationsFor(['OPS-1', 'DEMO-1'], 'DEMO', ['c1', 'c1'], 'repo-1')).toEqual([
      { associationType: 'issueKeys', values: ['DEMO-1', 'OPS-1'] },
      { associationType: 'commit', values: [{ commitHash: 'c1', repositoryId: 'repo-1' }] },
    ]);
  });

  it.each(DEPLOY_STATES)('carries the state %s, the project’s environment name and type, within the field limits', (state) => {
    const deploy = aDeploy({ state, environment: { id: 'eu-prod', name: 'EU Prod (Frankfurt)', type: 'production' }, pipeline: { id: 'j', displayName: 'd'.repeat(300), url: null } });
    const mapped = toJiraDeployment(deploy, { pipelineId: 'jenkins:ci:app/deploy', projectKey: 'DEMO' });
    if (!('deployment' in mapped)) throw new Error(mapped.skipped);
    expect(mapped.deployment.state).toBe(state);
    expect(mapped.deployment.environment).toEqual({ id: 'eu-prod', displayName: 'EU Prod (Frankfurt)', type: 'production' });
    expect(mapped.deployment.displayName.length).toBeLessThanOrEqual(255);
    expect(mapped.deployment.pipeline.url).toBe(deploy.url);
  });

  it('is not sent without an issue or a link to the run', () => {
    expect(toJiraDeployment(aDeploy({ issueKeys: [] }), { pipelineId: 'p', projectKey: 'DEMO' })).toEqual({ skipped: 'it links no issue' });
    expect('skipped' in toJiraDeployment(aDeploy({ url: 'javascript:alert(1)' }), { pipelineId: 'p', projectKey: 'DEMO' })).toBe(true);
  });
});

describe('a build as a Jira build', () => {
  it('carries commit and branch references and test counts when they are known', () => {
    const mapped = toJiraBuild(aBuild(), {
      pipelineId: 'p',
      projectKey: 'DEMO',
      issueKeys: ['OPS-1', 'DEMO-1'],
      repositoryUri: 'https://git.example.com/shop',
      tests: { total: 10, passed: 9, failed: 1, skipped: 0 },
    });
    if (!('build' in mapped)) throw new Error(mapped.skipped);
    expect(mapped.build.issueKeys).toEqual(['DEMO-1', 'OPS-1']);
    expect(mapped.build.references).toEqual([
      { commit: { id: 'a'.repeat(40), repositoryUri: 'https://git.example.com/shop' } },
      { ref: { name: 'main', uri: 'https://git.example.com/shop/tree/main' } },
    ]);
    expect(mapped.build.testInfo).toEqual({ totalNumber: 10, numberPassed: 9, numberFailed: 1, numberSkipped: 0 });
  });

  it('carries the repository and test counts its CI reported with the build', () => {
    // Given a build whose CI named the repository it cloned and counted its tests
    const build = aBuild({ repositoryUrl: 'https://github.com/org/shop', tests: { total: 4, passed: 3, failed: 0, skipped: 1 } });
    // When it is mapped with no repository of its own
    const mapped = toJiraBuild(build, { pipelineId: 'p', projectKey: 'DEMO', issueKeys: ['DEMO-1'] });
    if (!('build' in mapped)) throw new Error(mapped.skipped);
    // Then its commit and branch reference that repository, and its tests are counted
    expect(mapped.build.references).toEqual([
      { commit: { id: 'a'.repeat(40), repositoryUri: 'https://github.com/org/shop' } },
      { ref: { name: 'main', uri: 'https://github.com/org/shop/tree/main' } },
    ]);
    expect(mapped.build.testInfo).toEqual({ totalNumber: 4, numberPassed: 3, numberFailed: 0, numberSkipped: 1 });
  });

  it('keeps at most 100 issue keys and sends none of the references it cannot place', () => {
    const keys = Array.from({ length: 150 }, (_, i) => `DEMO-${i + 1}`);
    const mapped = toJiraBuild(aBuild(), { pipelineId: 'p', projectKey: 'DEMO', issueKeys: keys });
    if (!('build' in mapped)) throw new Error(mapped.skipped);
    expect(mapped.build.issueKeys).toHaveLength(100);
    expect(mapped.build.references).toBeUndefined();
  });
});

describe('requests', () => {
  it('keep the newest update of an entity seen twice, and never split one', () => {
    expect(newestByKey([{ k: 'a', n: 1 }, { k: 'a', n: 3 }, { k: 'b', n: 2 }], (x) => x.k, (x) => x.n)).toEqual([{ k: 'a', n: 3 }, { k: 'b', n: 2 }]);
    const items = Array.from({ length: 5 }, () => 'x'.repeat(100));
    expect(batches(items, { maxItems: 2, maxBytes: 1_000 }).map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches(items, { maxItems: 50, maxBytes: 150 }).map((b) => b.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('clip long text without splitting a character', () => {
    expect(clip('a'.repeat(300))).toHaveLength(255);
    expect(clip(`${'a'.repeat(253)}😀😀`, 255).endsWith('…')).toBe(true);
  });
});
