import { MAX_REPOSITORY_URL_LENGTH, MAX_SNAPSHOT_BUILDS } from '../../src/domain/deploy';
import { commitsForDeploy, MAX_COMMITS_PER_DEPLOY } from '../../src/domain/deploy-commits';
import { deploySummarySchema, linkSummaryOf, summaryOf } from '../../src/storage/deploy-record';
import { DeployStore } from '../../src/storage/deploy-store';
import { aBuild, aDeploy } from '../support/builders';
import { testPlatform } from '../support/platform';

const REPOSITORY = 'https://github.com/acme/shop';

describe("a deploy's summary on its issue links", () => {
  it('given the deploy knows its repository, then the summary and each link summary carry it', () => {
    const deploy = aDeploy({ repositoryUrl: REPOSITORY, commits: [{ sha: 'a'.repeat(40), message: 'DEMO-1 fix', author: null, timestamp: '2026-11-01T09:00:00.000Z' }] });

    expect(summaryOf(deploy).repositoryUrl).toBe(REPOSITORY);
    expect(linkSummaryOf(deploy, 'DEMO-1')).toMatchObject({ repositoryUrl: REPOSITORY, issueCommitAt: '2026-11-01T09:00:00.000Z' });
  });

  it('given it does not, then the summary has no such field, as links written before it', () => {
    expect('repositoryUrl' in summaryOf(aDeploy())).toBe(false);
  });

  it('given a link summary stored before the field existed, then it still reads', () => {
    const { repositoryUrl: _absent, ...old } = summaryOf(aDeploy({ repositoryUrl: REPOSITORY }));

    expect(deploySummarySchema.safeParse(old).success).toBe(true);
  });

  it('given the longest repository kept, then the deploy grows by no more than its length, and a link summary stays small', async () => {
    // Given one deploy without a repository, and the same with a 500-character one
    const long = `https://github.com/acme/${'r'.repeat(MAX_REPOSITORY_URL_LENGTH - 'https://github.com/acme/'.length)}`;
    const without = aDeploy({
      id: 'sized',
      commits: Array.from({ length: 50 }, (_, i) => ({ sha: i.toString(16).padStart(40, '0'), message: `DEMO-${i} ${'m'.repeat(200)}`, author: 'Ada', timestamp: null })),
      snapshot: Array.from({ length: 10 }, (_, i) => ({ ...aBuild({ number: i }), stateAtDeploy: 'successful' as const })),
    });
    const store = new DeployStore();
    const written = async (deploy: typeof without) => {
      testPlatform().kvs.resetStats();
      await store.save(deploy, undefined);
      return testPlatform().kvs.stats.maxValueBytes;
    };

    // When each is saved
    const before = await written(without);
    const after = await written({ ...without, id: 'sized-2', repositoryUrl: long });

    // Then the record grows by the address and its key only, and a link's summary stays within 2 KiB
    expect(after - before).toBeLessThanOrEqual(MAX_REPOSITORY_URL_LENGTH + '"repositoryUrl":"",'.length + 2);
    expect(Buffer.byteLength(JSON.stringify(linkSummaryOf({ ...without, repositoryUrl: long }, 'DEMO-1')))).toBeLessThan(2 * 1024);
  });

  it('given the largest deploy the sync can plan (200 long commits, 50 builds of long names), when saved, then Forge accepts the value', async () => {
    // Given commits cut to the record's budget as the sync cuts them, and a full snapshot of builds with long job names
    const commits = Array.from({ length: MAX_COMMITS_PER_DEPLOY }, (_, i) => ({ sha: i.toString(16).padStart(40, '0'), message: `DEMO-${i} ${'é'.repeat(995)}`, author: `Author ${i}`, timestamp: '2026-11-01T09:00:00.000Z' }));
    const planned = commitsForDeploy({ run: { commits, sha: null, startedAt: '2026-11-02T09:00:00.000Z' }, previousDeployStartedAt: null, branchBuilds: [] });
    const longJob = (i: number) => ({ id: `folder/${'j'.repeat(200)}-${i}`, displayName: 'd'.repeat(200), url: `https://ci.example.com/${'u'.repeat(400)}`, folderPath: ['folder'] });
    const snapshot = Array.from({ length: MAX_SNAPSHOT_BUILDS }, (_, i) => ({ ...aBuild({ number: i, job: longJob(i) }), stateAtDeploy: 'successful' as const }));
    const deploy = aDeploy({ id: 'largest', commits: planned.commits, commitsOmitted: planned.omitted, issueKeys: commits.map((_, i) => `DEMO-${i}`), snapshot });

    // When it is saved, then the emulated KVS (which refuses what Forge refuses) stores it
    testPlatform().kvs.resetStats();
    await new DeployStore().save(deploy, undefined);
    expect(testPlatform().kvs.stats.maxValueBytes).toBeLessThan(240 * 1024);
  });
});

