import { buildSnapshot, snapshotWarning } from '../../src/domain/deploy';
import { commitsForDeploy, MAX_COMMIT_BYTES_PER_DEPLOY, MAX_COMMITS_PER_DEPLOY } from '../../src/domain/deploy-commits';
import { aBuild } from '../support/builders';

const deployStart = '2026-11-01T12:00:00.000Z';

describe('build snapshot at deploy time', () => {
  it('keeps the state a build had when the deploy started, and the default build server first', () => {
    const finishedBefore = aBuild({ number: 1, connectionId: 'bk', provider: 'buildkite', state: 'failed', finishedAt: '2026-11-01T11:00:00.000Z', startedAt: '2026-11-01T10:00:00.000Z' });
    const stillRunning = aBuild({ number: 2, state: 'successful', startedAt: '2026-11-01T11:50:00.000Z', finishedAt: '2026-11-01T12:10:00.000Z' });
    const startedLater = aBuild({ number: 3, startedAt: '2026-11-01T12:30:00.000Z' });
    const otherConnection = aBuild({ number: 4, connectionId: 'not-used' });

    const snapshot = buildSnapshot(deployStart, [finishedBefore, stillRunning, startedLater, otherConnection], ['jenkins-1', 'bk']);

    expect(snapshot.map((b) => [b.connectionId, b.number, b.stateAtDeploy])).toEqual([
      ['jenkins-1', 2, 'in_progress'],
      ['bk', 1, 'failed'],
    ]);
    expect(snapshotWarning(snapshot)).toBe('failing');
  });

  it("leaves out the deploy's own run and warns when a build was still running", () => {
    const run = aBuild({ number: 9, job: { id: 'deploy', displayName: 'deploy', url: null, folderPath: [] } });
    const running = aBuild({ number: 2, finishedAt: null, state: 'in_progress', startedAt: '2026-11-01T11:59:00.000Z' });
    const snapshot = buildSnapshot(deployStart, [run, running], ['jenkins-1'], { connectionId: 'jenkins-1', jobId: 'deploy', number: 9 });
    expect(snapshot.map((b) => b.number)).toEqual([2]);
    expect(snapshotWarning(snapshot)).toBe('running');
    expect(snapshotWarning([])).toBeNull();
  });
});

describe('commits of a deploy', () => {
  const commit = (n: number) => ({ sha: `c${n}`, message: `DEMO-${n} change`, author: null, timestamp: null });

  it('joins the run commits with those of branch builds since the previous deploy, without duplicates', () => {
    const run = { commits: [commit(5)], sha: 'head', startedAt: deployStart };
    const branchBuilds = [
      aBuild({ number: 1, startedAt: '2026-11-01T08:00:00.000Z', commits: [commit(1)] }),
      aBuild({ number: 2, startedAt: '2026-11-01T10:00:00.000Z', commits: [commit(2), commit(5)] }),
      aBuild({ number: 3, startedAt: '2026-11-01T13:00:00.000Z', commits: [commit(3)] }),
    ];
    const { commits } = commitsForDeploy({ run, previousDeployStartedAt: '2026-11-01T09:00:00.000Z', branchBuilds });
    expect(commits.map((c) => c.sha)).toEqual(['c5', 'c2']);
  });

  it('takes only builds of the same head commit for a first deploy, and caps the list', () => {
    const many = Array.from({ length: MAX_COMMITS_PER_DEPLOY + 5 }, (_, i) => commit(i + 100));
    const branchBuilds = [aBuild({ sha: 'head', commits: many }), aBuild({ number: 2, sha: 'other', commits: [commit(1)] })];
    const result = commitsForDeploy({ run: { commits: [], sha: 'head', startedAt: deployStart }, previousDeployStartedAt: null, branchBuilds });
    expect(result.commits).toHaveLength(MAX_COMMITS_PER_DEPLOY);
    expect(result.omitted).toBe(5);
    expect(result.commits.some((c) => c.sha === 'c1')).toBe(false);
  });

  it('given messages in a script of three bytes a character, when they would pass the byte budget, then the newest that fit are kept and the rest counted as omitted', () => {
    const wide = Array.from({ length: MAX_COMMITS_PER_DEPLOY }, (_, i) => ({ ...commit(i + 100), message: `DEMO-${i} ${'修'.repeat(995)}` }));
    const result = commitsForDeploy({ run: { commits: wide, sha: 'head', startedAt: deployStart }, previousDeployStartedAt: null, branchBuilds: [] });
    const bytes = Buffer.byteLength(JSON.stringify(result.commits.map((c) => [c.sha, c.message, c.author, c.timestamp])));
    expect(bytes).toBeLessThanOrEqual(MAX_COMMIT_BYTES_PER_DEPLOY);
    expect(result.commits[0]?.sha).toBe('c100');
    expect(result.commits.length + result.omitted).toBe(MAX_COMMITS_PER_DEPLOY);
    expect(result.omitted).toBeGreaterThan(0);
  });
});
