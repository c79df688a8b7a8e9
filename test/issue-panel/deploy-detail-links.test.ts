import { commitUrl } from '../../src/issue-panel/commit-url';
import { deployDetailSchema, ISSUE_PANEL_RESOLVERS as KEYS } from '../../src/shared/contract/issue-panel';
import { BuildStore } from '../../src/storage/build-store';
import { ConnectionStore } from '../../src/storage/connection-store';
import { DeployStore } from '../../src/storage/deploy-store';
import { ProjectConfigStore } from '../../src/storage/project-config-store';
import { aBuild, aDeploy } from '../support/builders';
import { testPlatform } from '../support/platform';
import { aProjectConfig } from './support/builders';
import { callPanel, panelPlatform, USERS } from './support/panel-platform';

const platform = panelPlatform();
beforeAll(() => platform.install());
afterAll(() => testPlatform().install());

const sha = 'e'.repeat(40);
const other = '0123456789abcdef0123456789abcdef01234567';

describe('commit links', () => {
  it.each([
    ['https://github.com/acme/shop', `https://github.com/acme/shop/commit/${sha}`],
    ['https://github.acme.example/acme/shop/', `https://github.acme.example/acme/shop/commit/${sha}`],
    ['https://gitlab.com/acme/group/shop', `https://gitlab.com/acme/group/shop/-/commit/${sha}`],
    ['https://bitbucket.org/acme/shop', `https://bitbucket.org/acme/shop/commits/${sha}`],
  ])('given the repository %s, then a commit links to %s', (repository, expected) => {
    expect(commitUrl(repository, sha)).toBe(expected);
  });

  it.each([
    ['an unknown Git host', 'https://git.acme.example/acme/shop', sha],
    ['no repository', null, sha],
    ['a script URL', 'javascript:alert(1)//github.com/a/b', sha],
    ['a host with no repository path', 'https://github.com/', sha],
    ['a SHA that is not one', 'https://github.com/acme/shop', '../../settings'],
  ])('given %s, then the commit is no link', (_, repository, commit) => {
    expect(commitUrl(repository, commit)).toBeNull();
  });

  it('drops credentials someone put in the repository address', () => {
    expect(commitUrl('https://bot:secret@github.com/acme/shop', sha)).toBe(`https://github.com/acme/shop/commit/${sha}`);
  });
});

describe('issuePanel.deploy for a viewer who may drill down', () => {
  beforeAll(async () => {
    await new ProjectConfigStore().save(aProjectConfig());
    await new ConnectionStore().save({
      connection: { kind: 'jenkins', id: 'jenkins-1', name: 'CI', baseUrl: 'http://127.0.0.1', username: 'bot', customHeaders: {} },
      scope: { kind: 'site' },
      agentEnabled: false,
      secret: { apiToken: 'token', headers: {} },
      now: '2026-11-01T00:00:00.000Z',
    });
    await new BuildStore().write([aBuild({ number: 12, sha, repositoryUrl: 'https://github.com/acme/shop' })]);
    await new DeployStore().save(
      aDeploy({
        id: 'linked',
        sha,
        issueKeys: ['DEMO-2'],
        snapshot: [{ ...aBuild({ number: 12, sha }), stateAtDeploy: 'successful' }],
        commits: [
          { sha, message: 'DEMO-2: speed up checkout', author: 'Ada', timestamp: null },
          { sha: other, message: 'Tidy up', author: 'Bo', timestamp: null },
        ],
      }),
      undefined,
    );
  });

  it('given the deploy job belongs to a project the viewer sees, then its run offers the drill-down', async () => {
    const { result } = await callPanel(platform, KEYS.deploy, deployDetailSchema, { as: USERS.viewer, issueKey: 'DEMO-2', payload: { deployId: 'linked' } });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.run).toEqual({ provider: 'jenkins', connectionId: 'jenkins-1', jobId: 'app/deploy', buildNumber: 1, drilldown: true });
  });

  it('given the commit\'s build names its GitHub repository, then the deployed commit and every listed commit link to their pages', async () => {
    const { result } = await callPanel(platform, KEYS.deploy, deployDetailSchema, { issueKey: 'DEMO-2', payload: { deployId: 'linked' } });

    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.deploy.commitUrl).toBe(`https://github.com/acme/shop/commit/${sha}`);
    expect(result.data.commits.mentioning.map((c) => c.url)).toEqual([`https://github.com/acme/shop/commit/${sha}`]);
    expect(result.data.commits.others.map((c) => c.url)).toEqual([`https://github.com/acme/shop/commit/${other}`]);
  });
});
