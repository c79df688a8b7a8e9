import { linksOtherProjects, namesJob, ownIssueKeys, projectsOfCommit, projectsOfJob, projectsWithJobsOn } from '../../src/domain/access-rules';
import { defaultProjectConfig, type ProjectConfig } from '../../src/domain/project-config';

const site = { id: 'shared', scope: { kind: 'site' } } as const;
const opsOwn = { id: 'ops-own', scope: { kind: 'project', projectKey: 'OPS' } } as const;
const env = { id: 'production', name: 'Production', type: 'production' } as const;

function configOf(projectKey: string, overrides: Partial<ProjectConfig> = {}): ProjectConfig {
  return { ...defaultProjectConfig(projectKey, '2026-11-20T10:00:00.000Z'), ...overrides };
}

const demo = configOf('DEMO', { defaultConnectionId: 'shared', builds: [{ connectionId: 'shared', jobs: ['shop/**'] }], deploySources: [{ id: 's', connectionId: 'shared', job: 'deploy-*', environment: env }] });
const ops = configOf('OPS', { deploySources: [{ id: 'o', connectionId: 'shared', job: 'ops-deploy', environment: env }] });
const catchAll = configOf('WIDE', { defaultConnectionId: 'shared', builds: [{ connectionId: 'shared', jobs: [] }] });

describe('which projects a job belongs to', () => {
  it('given deploy sources and a build selection, then a job belongs to the projects that name it, by name or glob', () => {
    expect(projectsOfJob([demo, ops, catchAll], site, 'shop/storefront/main')).toEqual(['DEMO']);
    expect(projectsOfJob([demo, ops, catchAll], site, 'deploy-staging')).toEqual(['DEMO']);
    expect(projectsOfJob([demo, ops, catchAll], site, 'ops-deploy')).toEqual(['OPS']);
    expect(projectsOfJob([demo, ops, catchAll], site, 'platform/terraform')).toEqual([]);
  });

  it('given an empty build selection, then it counts every job as a build for the sync but names none', () => {
    expect(namesJob(catchAll, site, 'anything')).toBe(false);
    expect(projectsWithJobsOn([catchAll], site)).toEqual([]);
  });

  it("given a project's own connection, then every job on it is that project's, and another project naming it gains nothing", () => {
    const sneaky = configOf('DEMO', { builds: [{ connectionId: 'ops-own', jobs: ['**'] }] });
    expect(projectsOfJob([sneaky], opsOwn, 'secret-job')).toEqual(['OPS']);
    expect(projectsWithJobsOn([sneaky], opsOwn)).toEqual(['OPS']);
  });

  it('given a glob, then `*` stays within one folder, so `deploy-*` does not reach into a folder', () => {
    expect(namesJob(demo, site, 'deploy-x/../../secret')).toBe(false);
  });
});

describe('which projects a commit belongs to', () => {
  it('given deploys and builds that carry it, then the projects of those carriers, once each', () => {
    const carriers = [
      { projects: ['DEMO'], sha: 'AAA', commits: [] },
      { projects: ['OPS'], sha: 'bbb', commits: [{ sha: 'aaa' }] },
      { projects: ['DEMO'], sha: 'ccc', commits: [{ sha: 'aaa' }] },
      { projects: ['OTHER'], sha: 'ddd', commits: [] },
    ];
    expect(projectsOfCommit('aaa', carriers)).toEqual(['DEMO', 'OPS']);
  });
});

describe('issue keys across projects', () => {
  it('given a new project, then its deploys link only its own issues', () => {
    expect(linksOtherProjects(configOf('DEMO'))).toBe(false);
  });

  it('given keys of several projects, then a response about a DEMO deploy names only DEMO keys', () => {
    expect(ownIssueKeys('DEMO', ['DEMO-1', 'OPS-2', 'DEMOX-3', 'DEMO-4'])).toEqual(['DEMO-1', 'DEMO-4']);
  });
});
