import { realDeployKey, realDeploys, serverOriginOf, type DeployIdentityInput } from '../../src/domain/deploy-identity';

function aRecord(overrides: Partial<DeployIdentityInput> = {}): DeployIdentityInput {
  return {
    id: 'jenkins-1:deploy-production:41',
    environment: { id: 'production' },
    provider: 'jenkins',
    pipeline: { id: 'deploy-production', url: 'https://ci.example.test/job/deploy-production/' },
    sequence: 41,
    url: 'https://ci.example.test/job/deploy-production/41/',
    ...overrides,
  };
}

describe('serverOriginOf', () => {
  it.each([
    ['https://CI.example.test:8443/job/a/1/', 'https://ci.example.test:8443'],
    ['http://127.0.0.1:8080/job/a/', 'http://127.0.0.1:8080'],
    ['javascript:alert(1)', null],
    ['not a url', null],
    [null, null],
  ])('given %p, then the server is %p', (url, expected) => {
    expect(serverOriginOf(url)).toBe(expected);
  });
});

describe('realDeploys', () => {
  it('given one Jenkins run synced through two connections to the same server, then it is one real deploy seen twice', () => {
    const first = aRecord();
    const second = aRecord({ id: 'jenkins-2:deploy-production:41' });

    const real = realDeploys([first, second]);

    expect(real).toEqual([{ key: realDeployKey(first), deploy: first, records: 2 }]);
  });

  it('given a Buildkite "Deploy #41" and a Jenkins "deploy-production #41" of the same environment, then they are two real deploys', () => {
    const jenkins = aRecord();
    const buildkite = aRecord({
      id: 'buildkite-1:deploy:41',
      provider: 'buildkite',
      pipeline: { id: 'deploy', url: 'https://buildkite.com/acme/deploy' },
      url: 'https://buildkite.com/acme/deploy/builds/41',
    });

    expect(realDeploys([jenkins, buildkite]).map((r) => r.records)).toEqual([1, 1]);
  });

  it('given the same job and number on two Jenkins servers, then they stay apart', () => {
    const other = aRecord({ id: 'jenkins-9:deploy-production:41', url: 'https://ci.other.test/job/deploy-production/41/' });

    expect(realDeploys([aRecord(), other])).toHaveLength(2);
  });

  it('given the same run to two environments, then each environment has its deploy', () => {
    const staging = aRecord({ id: 'jenkins-2:deploy-production:41', environment: { id: 'staging' } });

    expect(realDeploys([aRecord(), staging])).toHaveLength(2);
  });

  it('given records without a URL, or registered through the API, then nothing proves they are one run and each stands alone', () => {
    const noUrl = [aRecord({ url: null, pipeline: { id: 'deploy-production', url: null } }), aRecord({ id: 'b', url: null, pipeline: { id: 'deploy-production', url: null } })];
    const registered = [aRecord({ provider: null, id: 'r1' }), aRecord({ provider: null, id: 'r2' })];

    expect(realDeploys(noUrl)).toHaveLength(2);
    expect(realDeploys(registered)).toHaveLength(2);
  });

  it('given the same record twice (overlapping pages), then it counts once', () => {
    expect(realDeploys([aRecord(), aRecord()])).toEqual([expect.objectContaining({ records: 1 })]);
  });

  it('given no run URL but the job URL, then the job URL names the server', () => {
    const a = aRecord({ url: null });
    const b = aRecord({ id: 'jenkins-2:deploy-production:41', url: null });

    expect(realDeploys([a, b])).toHaveLength(1);
  });
});
