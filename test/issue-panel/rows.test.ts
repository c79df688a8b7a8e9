import { commitsFor, deployRow, safeUrl, snapshotRows, staleNotes } from '../../src/issue-panel/rows';
import type { SnapshotBuild } from '../../src/domain/deploy';
import { aBuild, aDeploy } from '../support/builders';

function aSnapshotBuild(overrides: Partial<SnapshotBuild> = {}): SnapshotBuild {
  const { provider, connectionId, job, number, url, startedAt, finishedAt, durationMs } = aBuild();
  return { provider, connectionId, job, number, url, stateAtDeploy: 'successful', startedAt, finishedAt, durationMs, ...overrides };
}

describe('safeUrl', () => {
  it.each([
    ['https://ci.example.test/job/a/1/', 'https://ci.example.test/job/a/1/'],
    ['http://127.0.0.1:8080/job/a/1/', 'http://127.0.0.1:8080/job/a/1/'],
    ['https://bot:token@ci.example.test/x', 'https://ci.example.test/x'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['not a url', null],
    [null, null],
  ])('given %p, then the browser gets %p', (raw, expected) => {
    expect(safeUrl(raw)).toBe(expected);
  });
});

describe('snapshotRows', () => {
  it('given a build still running at the deploy that passed since, then it shows in progress at deploy and successful now', () => {
    const atDeploy = aSnapshotBuild({ stateAtDeploy: 'in_progress', finishedAt: null, durationMs: null });
    const now = aBuild({ state: 'successful', durationMs: 420_000 });

    expect(snapshotRows([atDeploy], [now])).toEqual([
      expect.objectContaining({ stateAtDeploy: 'in_progress', stateNow: 'successful', durationMs: 420_000, jobName: 'build', folderPath: ['app'] }),
    ]);
  });

  it('given a build no longer in storage, then its state now is unknown rather than guessed', () => {
    expect(snapshotRows([aSnapshotBuild()], [])[0]).toMatchObject({ stateAtDeploy: 'successful', stateNow: null, durationMs: 300_000 });
  });

  it('matches builds by connection, job and number, not by job alone', () => {
    const rows = snapshotRows([aSnapshotBuild({ number: 2 })], [aBuild({ number: 1, state: 'failed' })]);
    expect(rows[0]?.stateNow).toBeNull();
  });
});

describe('commitsFor', () => {
  it('puts commits that mention the issue, in any case and at any boundary, before the others, keeping their order', () => {
    const commits = [
      { sha: '1', message: 'Refactor', author: null, timestamp: null },
      { sha: '2', message: 'Merge branch feature/demo-12-search', author: null, timestamp: null },
      { sha: '3', message: 'DEMO-120 is not DEMO-12', author: null, timestamp: null },
      { sha: '4', message: '[DEMO-12] fix', author: null, timestamp: null },
    ];

    const { mentioning, others } = commitsFor('DEMO-12', commits);

    expect(mentioning.map((c) => c.sha)).toEqual(['2', '3', '4']);
    expect(others.map((c) => c.sha)).toEqual(['1']);
  });

  it('does not take a longer key for the issue', () => {
    const { mentioning } = commitsFor('DEMO-1', [{ sha: '1', message: 'DEMO-12 and XDEMO-1', author: null, timestamp: null }]);
    expect(mentioning).toEqual([]);
  });
});

describe('deployRow', () => {
  it('keeps what the panel shows and nothing of the deploy record it does not need', () => {
    const row = deployRow(aDeploy({ commits: [{ sha: 's', message: 'm', author: null, timestamp: null }] }));
    expect(Object.keys(row).sort()).toEqual(
      ['branch', 'environment', 'finishedAt', 'id', 'pipeline', 'sequence', 'sha', 'startedAt', 'state', 'trigger', 'url'].sort(),
    );
  });
});

describe('staleNotes', () => {
  const failing = [
    { connectionId: 'jenkins-2', projects: ['DEMO'], failedAt: '2026-11-01T10:00:00.000Z', message: 'Jenkins at https://ci.internal answered 503', hint: 'Retry later' },
    { connectionId: 'jenkins-3', projects: ['DEMO'], failedAt: '2026-11-01T08:00:00.000Z', lastSuccessAt: '2026-11-01T07:00:00.000Z', message: 'Jenkins answered 401', hint: 'Check the token' },
  ];

  it('given an admin, then each failing connection is a note with its error and hint', () => {
    expect(staleNotes(failing, true)).toEqual([
      { failedAt: '2026-11-01T10:00:00.000Z', lastSuccessAt: null, detail: { connectionId: 'jenkins-2', message: 'Jenkins at https://ci.internal answered 503', hint: 'Retry later' } },
      { failedAt: '2026-11-01T08:00:00.000Z', lastSuccessAt: '2026-11-01T07:00:00.000Z', detail: { connectionId: 'jenkins-3', message: 'Jenkins answered 401', hint: 'Check the token' } },
    ]);
  });

  it('given a viewer, then one note from the earliest failure names no connection, error or address', () => {
    const notes = staleNotes(failing, false);

    expect(notes).toEqual([{ failedAt: '2026-11-01T08:00:00.000Z', lastSuccessAt: null, detail: null }]);
    expect(JSON.stringify(notes)).not.toMatch(/jenkins-|ci\.internal|401|token/);
  });

  it('given nothing failing, then no note', () => {
    expect(staleNotes([], false)).toEqual([]);
  });
});
