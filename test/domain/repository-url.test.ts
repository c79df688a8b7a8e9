import { repositoryWebUrl } from '../../src/domain/repository-url';

describe('a repository’s web address from the remote a CI cloned', () => {
  it.each([
    ['https://github.com/org/shop.git', 'https://github.com/org/shop'],
    ['git@github.com:org/shop.git', 'https://github.com/org/shop'],
    ['ssh://git@bitbucket.example.com:7999/team/shop.git', 'https://bitbucket.example.com/team/shop'],
    ['https://GitLab.example.com/group/sub/shop/', 'https://gitlab.example.com/group/sub/shop'],
    // Credentials in a remote are dropped, never sent on
    ['https://ci-bot:s3cret@github.com/org/shop.git', 'https://github.com/org/shop'],
  ])('%s -> %s', (remote, expected) => {
    expect(repositoryWebUrl(remote)).toBe(expected);
  });

  it.each([[''], ['/srv/git/shop.git'], ['file:///srv/git/shop.git'], ['https://github.com/'], [null]])('gives no address for %p', (remote) => {
    expect(repositoryWebUrl(remote)).toBeNull();
  });
});
