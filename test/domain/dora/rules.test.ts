import { isFix, isIncident, tieIncident, type IssueFacts } from '../../../src/domain/dora/rules';
import { DEFAULT_DORA_SETTINGS, type DoraSettings } from '../../../src/domain/dora/settings';
import { compactCounted, countedOf, quantile } from '../../../src/domain/dora/stats';

const issue = (key: string, issueType: string, labels: string[] = [], projectKey = 'SHOP'): IssueFacts => ({ key, projectKey, issueType, labels });
const settings = (incidents: Partial<DoraSettings['incidents']> = {}): DoraSettings => ({ ...DEFAULT_DORA_SETTINGS, incidents: { ...DEFAULT_DORA_SETTINGS.incidents, ...incidents } });

describe('what counts, per the project admin', () => {
  it('an incident is an issue of an incident type, with an incident label, or in an incident project', () => {
    const s = settings({ issueTypes: ['Incident'], labels: ['outage'], projectKeys: ['OPS'] });
    expect(isIncident(issue('SHOP-1', 'incident'), s)).toBe(true);
    expect(isIncident(issue('SHOP-2', 'Bug', ['Outage']), s)).toBe(true);
    expect(isIncident(issue('OPS-1', 'Task', [], 'OPS'), s)).toBe(true);
    expect(isIncident(issue('SHOP-3', 'Bug'), s)).toBe(false);
  });

  it('a fix is a deploy from a hotfix branch, or one carrying an issue of a fix type or label', () => {
    const issues = new Map([
      ['SHOP-1', issue('SHOP-1', 'Bug')],
      ['SHOP-2', issue('SHOP-2', 'Story', ['hotfix'])],
      ['SHOP-3', issue('SHOP-3', 'Story')],
    ]);
    expect(isFix({ branch: 'hotfix/checkout', issueKeys: [] }, issues, DEFAULT_DORA_SETTINGS)).toBe(true);
    expect(isFix({ branch: 'main', issueKeys: ['SHOP-1'] }, issues, DEFAULT_DORA_SETTINGS)).toBe(true);
    expect(isFix({ branch: 'main', issueKeys: ['SHOP-2'] }, issues, DEFAULT_DORA_SETTINGS)).toBe(true);
    expect(isFix({ branch: 'main', issueKeys: ['SHOP-3', 'SHOP-404'] }, issues, DEFAULT_DORA_SETTINGS)).toBe(false);
    expect(isFix({ branch: null, issueKeys: [] }, issues, DEFAULT_DORA_SETTINGS)).toBe(false);
  });

  it('an incident is tied to the latest deploy before it that carries a linked issue, else to the latest before it; never to a later one', () => {
    const deploys = [
      { id: 'd1', environmentId: 'production', startedAt: 100, issueKeys: ['SHOP-1'] },
      { id: 'd2', environmentId: 'production', startedAt: 200, issueKeys: ['SHOP-2'] },
      { id: 'd3', environmentId: 'production', startedAt: 400, issueKeys: ['SHOP-1'] },
    ];
    const incident = { createdAt: 300, linkedIssueKeys: ['SHOP-1'] };
    expect(tieIncident(incident, deploys, settings())?.id).toBe('d1');
    expect(tieIncident(incident, deploys, settings({ tie: 'latest-deploy-before' }))?.id).toBe('d2');
    expect(tieIncident({ createdAt: 300, linkedIssueKeys: [] }, deploys, settings({ tie: 'linked-issues' }))).toBeNull();
    expect(tieIncident({ createdAt: 300, linkedIssueKeys: [] }, deploys, settings())?.id).toBe('d2');
    expect(tieIncident({ createdAt: 50, linkedIssueKeys: [] }, deploys, settings())).toBeNull();
  });

  it('lead times kept to 2% for a day too big to store exactly give quantiles within 2%', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 60 + i * 37);
    const exact = countedOf(values);
    const compact = compactCounted(exact, 0.02);
    expect(compact.length).toBeLessThan(exact.length / 10);
    for (const q of [0.5, 0.9]) {
      const e = quantile(exact, q) ?? 0;
      expect(Math.abs((quantile(compact, q) ?? 0) - e) / e).toBeLessThanOrEqual(0.02);
    }
  });
});
