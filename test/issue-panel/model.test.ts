import type { DeployRow } from '../../src/shared/contract/issue-panel';
import { byEnvironment, pageOf } from '../../static/issue-panel/src/model';
import { duration, shortSha } from '../../static/issue-panel/src/format';
import { relativeTime } from '../../static/shared/src/dates';

function aRow(overrides: Partial<DeployRow> = {}): DeployRow {
  return {
    id: 'd1',
    environment: { id: 'production', name: 'Production', type: 'production' },
    state: 'successful',
    pipeline: { displayName: 'deploy', url: null },
    sequence: 1,
    sha: 'a'.repeat(40),
    branch: 'main',
    startedAt: '2026-11-02T10:00:00.000Z',
    finishedAt: null,
    url: null,
    trigger: null,
    ...overrides,
  };
}

const staging = { id: 'staging', name: 'Staging', type: 'staging' } as const;
const qa = { id: 'qa', name: 'QA', type: 'testing' } as const;
const prodEu = { id: 'prod-eu', name: 'Prod EU', type: 'production' } as const;

describe('byEnvironment', () => {
  it('lists production environments first, then by type and name, each newest first, without duplicates', () => {
    const groups = byEnvironment([
      aRow({ id: 'q1', environment: qa, startedAt: '2026-11-02T12:00:00.000Z' }),
      aRow({ id: 's1', environment: staging, startedAt: '2026-11-02T09:00:00.000Z' }),
      aRow({ id: 'p-old', startedAt: '2026-11-01T10:00:00.000Z' }),
      aRow({ id: 'e1', environment: prodEu }),
      aRow({ id: 'p-new', startedAt: '2026-11-03T10:00:00.000Z' }),
      aRow({ id: 'p-new', startedAt: '2026-11-03T10:00:00.000Z' }),
    ]);

    expect(groups.map((g) => [g.environment.id, g.deploys.map((d) => d.id)])).toEqual([
      ['prod-eu', ['e1']],
      ['production', ['p-new', 'p-old']],
      ['staging', ['s1']],
      ['qa', ['q1']],
    ]);
  });
});

describe('pageOf', () => {
  const items = Array.from({ length: 45 }, (_, i) => i);

  it('cuts pages of the given size and clamps the page number', () => {
    expect(pageOf(items, 1, 20)).toEqual({ items: items.slice(0, 20), page: 1, pages: 3 });
    expect(pageOf(items, 3, 20).items).toEqual([40, 41, 42, 43, 44]);
    expect(pageOf(items, 9, 20).page).toBe(3);
    expect(pageOf([], 1, 20)).toEqual({ items: [], page: 1, pages: 1 });
  });
});

describe('format', () => {
  const now = Date.parse('2026-11-02T12:00:00.000Z');

  it('says when in words', () => {
    expect(relativeTime('2026-11-02T11:59:40.000Z', now)).toBe('just now');
    expect(relativeTime('2026-11-02T09:00:00.000Z', now)).toMatch(/3 hours ago/);
    expect(relativeTime('2026-10-31T12:00:00.000Z', now)).toMatch(/2 days ago/);
    expect(relativeTime('garbage', now)).toBe('at an unknown time');
  });

  it('gives durations a person reads at a glance', () => {
    expect([duration(null), duration(850), duration(42_000), duration(252_000), duration(3_780_000)]).toEqual([
      '—',
      '850 ms',
      '42 s',
      '4 min 12 s',
      '1 h 3 min',
    ]);
  });

  it('shortens git SHAs only', () => {
    expect(shortSha('0123456789abcdef0123456789abcdef01234567')).toBe('0123456');
    expect(shortSha('r1234')).toBe('r1234');
  });
});
