import { drilldownAccess, type DrilldownDeps } from '../../src/issue-panel/snapshot-access';
import type { ConnectionEntry } from '../../src/storage/connection-store';
import { aProjectConfig } from './support/builders';

const jenkins: ConnectionEntry = {
  connection: { kind: 'jenkins', id: 'jenkins-1', name: 'CI', baseUrl: 'https://ci.example.test', username: 'bot', customHeaders: {} },
  scope: { kind: 'site' },
  agentEnabled: false,
  agentReadableByAll: false,
  tokenHint: '••••1234',
  headerHints: {},
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

function deps(entries: Record<string, ConnectionEntry>): DrilldownDeps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    connections: { get: (id) => Promise.resolve(entries[id]) },
    configsUsing: (entry) => {
      asked.push(entry.connection.id);
      return Promise.resolve([aProjectConfig()]);
    },
  };
}

describe('drilldownAccess', () => {
  it('given a Jenkins job of a project the viewer sees, then its drill-down is allowed, and only that job\'s', async () => {
    const visibility = { mayReadJob: (_: unknown, __: unknown, jobId: string) => Promise.resolve(jobId === 'app/deploy') };
    const d = deps({ 'jenkins-1': jenkins });

    const may = await drilldownAccess(visibility, [{ connectionId: 'jenkins-1', jobId: 'app/deploy' }, { connectionId: 'jenkins-1', jobId: 'secret/job' }], d);

    expect(may('jenkins-1', 'app/deploy')).toBe(true);
    expect(may('jenkins-1', 'secret/job')).toBe(false);
    expect(may('jenkins-2', 'app/deploy')).toBe(false);
    // One read of the connection's projects for both jobs.
    expect(d.asked).toEqual(['jenkins-1']);
  });
});
