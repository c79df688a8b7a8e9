import { connectionScopeSchema, ownedByProject, servesProject, type ConnectionScope } from '../../src/domain/connection-scope';
import { configsUsing, usesConnection, withoutConnection } from '../../src/domain/connection-usage';
import { aProjectConfig } from '../issue-panel/support/builders';

const SITE: ConnectionScope = { kind: 'site' };
const OPS_OWN: ConnectionScope = { kind: 'project', projectKey: 'OPS' };
const ENVIRONMENT = { id: 'production', name: 'Production', type: 'production' } as const;

describe('connection scope', () => {
  it('given a site connection, then it serves every project and belongs to none', () => {
    expect([servesProject(SITE, 'DEMO'), servesProject(SITE, 'OPS')]).toEqual([true, true]);
    expect(ownedByProject(SITE, 'DEMO')).toBe(false);
  });

  it("given a project's own connection, then it serves and belongs to that project only", () => {
    expect([servesProject(OPS_OWN, 'OPS'), servesProject(OPS_OWN, 'DEMO')]).toEqual([true, false]);
    expect([ownedByProject(OPS_OWN, 'OPS'), ownedByProject(OPS_OWN, 'DEMO')]).toEqual([true, false]);
  });

  it('given a stored scope of an unknown kind, then it does not parse', () => {
    expect(connectionScopeSchema.safeParse({ kind: 'project', projectKey: 'OPS' }).success).toBe(true);
    expect(connectionScopeSchema.safeParse({ kind: 'everyone' }).success).toBe(false);
  });
});

describe('which projects use a connection', () => {
  const byDefault = aProjectConfig({ projectKey: 'DEMO', defaultConnectionId: 'ci', deploySources: [] });
  const byBuilds = aProjectConfig({ projectKey: 'OPS', defaultConnectionId: null, deploySources: [], builds: [{ connectionId: 'ci', jobs: [] }] });
  const bySource = aProjectConfig({
    projectKey: 'WEB',
    defaultConnectionId: null,
    deploySources: [{ id: 's1', connectionId: 'ci', job: 'deploy', environment: ENVIRONMENT }],
  });
  const other = aProjectConfig({ projectKey: 'DOCS', defaultConnectionId: 'other-ci', deploySources: [] });

  it('given settings naming the connection as default, in a build selection or a deploy source, then each uses it', () => {
    const connection = { id: 'ci', scope: SITE };

    expect([byDefault, byBuilds, bySource, other].map((config) => usesConnection(config, connection))).toEqual([true, true, true, false]);
    expect(configsUsing([other, bySource, byDefault], connection).map((c) => c.projectKey)).toEqual(['WEB', 'DEMO']);
  });

  it("given another project's own connection named in the settings, then that project does not count as using it", () => {
    const connection = { id: 'ci', scope: OPS_OWN };

    expect(configsUsing([byDefault, byBuilds, bySource], connection).map((c) => c.projectKey)).toEqual(['OPS']);
  });

  it('when the connection is removed from a configuration, then no reference is left and the rest stays', () => {
    const config = aProjectConfig({
      defaultConnectionId: 'ci',
      builds: [{ connectionId: 'ci', jobs: [] }, { connectionId: 'other-ci', jobs: ['app'] }],
      deploySources: [
        { id: 's1', connectionId: 'ci', job: 'deploy', environment: ENVIRONMENT },
        { id: 's2', connectionId: 'other-ci', job: 'ship', environment: ENVIRONMENT },
      ],
    });

    const cleaned = withoutConnection(config, 'ci', '2026-12-01T00:00:00.000Z');

    expect(usesConnection(cleaned, { id: 'ci', scope: SITE })).toBe(false);
    expect(cleaned).toMatchObject({
      defaultConnectionId: null,
      builds: [{ connectionId: 'other-ci', jobs: ['app'] }],
      deploySources: [{ id: 's2' }],
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
  });
});
