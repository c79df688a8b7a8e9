import { closestName } from '../../src/domain/closest-name';
import { buildkiteOrganizationOf, circleciProjectSlugOf } from '../../src/domain/provider-urls';

describe('the closest job name to a mistyped one', () => {
  const jobs = ['deploy-production', 'deploy-staging', 'api-server'];

  it('given a typo, then the nearest real job is suggested', () => {
    expect(closestName('deploy-prodution', jobs)).toBe('deploy-production');
    expect(closestName('Deploy-Stagin', jobs)).toBe('deploy-staging');
  });

  it('given a name like none of them, then nothing is suggested', () => {
    expect(closestName('nightly', jobs)).toBeNull();
  });
});

describe('pasted provider URLs', () => {
  it('given a Buildkite pipeline page, then its organisation is taken', () => {
    expect(buildkiteOrganizationOf('https://buildkite.com/acme-inc/storefront/builds/41')).toBe('acme-inc');
    expect(buildkiteOrganizationOf('acme-inc')).toBe('acme-inc');
  });

  it('given a CircleCI pipelines page, then its project slug is taken', () => {
    expect(circleciProjectSlugOf('https://app.circleci.com/pipelines/github/acme/storefront?branch=main')).toBe('gh/acme/storefront');
    expect(circleciProjectSlugOf('https://app.circleci.com/pipelines/circleci/Org1/Proj2')).toBe('circleci/Org1/Proj2');
    expect(circleciProjectSlugOf('gh/acme/storefront')).toBe('gh/acme/storefront');
  });
});
