import { globMatches } from '../../src/domain/glob';

describe('glob patterns for jobs and branches', () => {
  it.each([
    ['deploy-production', 'deploy-production', true],
    ['deploy-production', 'deploy-production-2', false],
    ['deploy-*', 'deploy-production', true],
    ['deploy-*', 'folder/deploy-production', false],
    ['*/deploy-*', 'folder/deploy-production', true],
    ['**/deploy', 'a/b/c/deploy', true],
    ['**/deploy', 'deploy', true],
    ['apps/**/deploy', 'apps/deploy', true],
    ['apps/**', 'apps/x/y', true],
    ['release/?', 'release/1', true],
    ['release/?', 'release/10', false],
    ['v1.2', 'v1x2', false],
    ['(weird)+[name]', '(weird)+[name]', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});
