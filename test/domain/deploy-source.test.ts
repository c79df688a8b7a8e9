import type { Build } from '../../src/domain/build';
import { deploySourceFor, isDeployRun, parseParameterCondition, type DeploySource } from '../../src/domain/deploy-source';
import { compareEnvironments, environmentId } from '../../src/domain/environment';
import { aBuild as aTestBuild } from '../support/builders';

const production = { id: 'production', name: 'Production', type: 'production' as const };
const staging = { id: 'staging', name: 'Staging', type: 'staging' as const };

const aBuild = (overrides: Partial<Build> = {}): Build =>
  aTestBuild({
    job: { id: 'apps/deploy', displayName: 'deploy', url: null, folderPath: ['apps'] },
    number: 7,
    parameters: [{ name: 'ENV', value: 'prod' }],
    ...overrides,
  });

const source = (overrides: Partial<DeploySource> = {}): DeploySource => ({
  id: 's1',
  connectionId: 'jenkins-1',
  job: 'apps/deploy',
  environment: production,
  ...overrides,
});

describe('deploy sources', () => {
  it('match a job by exact full name or glob on the same connection', () => {
    expect(isDeployRun(source(), aBuild())).toBe(true);
    expect(isDeployRun(source({ job: 'apps/*' }), aBuild())).toBe(true);
    expect(isDeployRun(source({ job: 'deploy' }), aBuild())).toBe(false);
    expect(isDeployRun(source({ connectionId: 'other' }), aBuild())).toBe(false);
  });

  it('apply the branch filter, and never match a build without a branch when one is set', () => {
    expect(isDeployRun(source({ branch: 'main' }), aBuild())).toBe(true);
    expect(isDeployRun(source({ branch: 'release/*' }), aBuild())).toBe(false);
    expect(isDeployRun(source({ branch: 'main' }), aBuild({ branch: null }))).toBe(false);
  });

  it('apply Jenkins parameter conditions, with != and several clauses', () => {
    expect(isDeployRun(source({ parameterCondition: 'ENV=prod' }), aBuild())).toBe(true);
    expect(isDeployRun(source({ parameterCondition: 'ENV=staging' }), aBuild())).toBe(false);
    expect(isDeployRun(source({ parameterCondition: 'ENV!=staging' }), aBuild())).toBe(true);
    expect(isDeployRun(source({ parameterCondition: 'ENV=prod, REGION=eu' }), aBuild())).toBe(false);
    expect(isDeployRun(source({ parameterCondition: 'ENV=pr*' }), aBuild())).toBe(true);
  });

  it('say what is wrong with a condition that cannot be parsed', () => {
    expect(parseParameterCondition('ENV')).toEqual({ problem: expect.stringContaining('NAME=value') });
  });

  it('pick the first source in the project order', () => {
    const sources = [source({ id: 'a', parameterCondition: 'ENV=staging', environment: staging }), source({ id: 'b' })];
    expect(deploySourceFor(sources, aBuild())?.id).toBe('b');
  });
});

describe('environments', () => {
  it('get ids from their names and sort production first', () => {
    expect(environmentId(' EU Production! ')).toBe('eu-production');
    const sorted = [staging, { id: 'dev', name: 'Dev', type: 'development' as const }, production].sort(compareEnvironments);
    expect(sorted.map((e) => e.id)).toEqual(['production', 'staging', 'dev']);
  });
});
