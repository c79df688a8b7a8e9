import { panelRows } from '../../src/issue-panel/deploy-rows';
import { summaryOf, type DeploySummary } from '../../src/storage/deploy-record';
import { aDeploy } from '../support/builders';

const jenkinsRun = (id: string, connectionId: string): DeploySummary =>
  summaryOf(
    aDeploy({
      id,
      origin: { kind: 'ci', sourceId: 's1', provider: 'jenkins', connectionId, jobId: 'deploy-production', buildNumber: 41 },
      pipeline: { id: 'deploy-production', displayName: 'deploy-production', url: null },
      sequence: 41,
      url: 'https://ci.example.test/job/deploy-production/41/',
    }),
  );

describe('panelRows', () => {
  it('given one Jenkins run seen through two connections and a Buildkite deploy with the same number, then two rows, each with its CI', () => {
    const buildkite = summaryOf(
      aDeploy({
        id: 'bk-41',
        projectKey: 'SHOP',
        origin: { kind: 'ci', sourceId: 's2', provider: 'buildkite', connectionId: 'bk-1', jobId: 'deploy', buildNumber: 41 },
        pipeline: { id: 'deploy', displayName: 'Deploy', url: 'https://buildkite.com/acme/deploy' },
        sequence: 41,
        url: 'https://buildkite.com/acme/deploy/builds/41',
      }),
    );

    const rows = panelRows([jenkinsRun('j1-41', 'jenkins-1'), jenkinsRun('j2-41', 'jenkins-2'), buildkite]);

    expect(rows.map((r) => [r.id, r.provider, r.projectKey, r.records])).toEqual([
      ['j1-41', 'jenkins', 'DEMO', 2],
      ['bk-41', 'buildkite', 'SHOP', 1],
    ]);
  });

  it('given a deploy registered through the web trigger, then it has no CI and stands alone', () => {
    const registered = summaryOf(aDeploy({ id: 'r-1', origin: { kind: 'registration', pipelineId: 'cli', runId: '7' } }));

    expect(panelRows([registered])).toEqual([expect.objectContaining({ id: 'r-1', provider: null, records: 1, commitUrl: null })]);
  });

  it('given the time of the issue newest commit on the link, then the row carries it', () => {
    const row = panelRows([{ ...jenkinsRun('j1-41', 'jenkins-1'), issueCommitAt: '2026-11-01T09:00:00.000Z' }]);

    expect(row[0]?.issueCommitAt).toBe('2026-11-01T09:00:00.000Z');
  });

  it('given the link summary names a GitHub repository, then the row links its SHA to the commit page', () => {
    const summary = summaryOf(aDeploy({ id: 'linked', sha: 'ab'.repeat(20), repositoryUrl: 'https://github.com/acme/shop' }));

    expect(panelRows([summary])[0]?.commitUrl).toBe(`https://github.com/acme/shop/commit/${'ab'.repeat(20)}`);
  });

  it.each([
    ['a link stored before repositories were kept', {}],
    ['a Git host with no known commit page', { repositoryUrl: 'https://git.example.com/demo/shop' }],
    ['a javascript: address, however it was stored', { repositoryUrl: 'javascript:alert(1)//github.com/acme/shop' }],
  ])('given %s, then the SHA is no link', (_name, extra) => {
    const summary: DeploySummary = { ...summaryOf(aDeploy({ id: 'plain' })), ...extra };

    expect(panelRows([summary])[0]).toMatchObject({ sha: 'a'.repeat(40), commitUrl: null });
  });

  it('given a deploy without a commit, then there is nothing to link', () => {
    const summary = summaryOf(aDeploy({ id: 'no-sha', sha: null, repositoryUrl: 'https://github.com/acme/shop' }));

    expect(panelRows([summary])[0]?.commitUrl).toBeNull();
  });
});
