import { MAX_REPOSITORY_URL_LENGTH } from '../../src/domain/deploy';
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
});
