import { pickRevision, splitRef } from '../../../src/providers/jenkins/build-data';
import { jenkinsState, mapJenkinsBuild } from '../../../src/providers/jenkins/map-build';
import type { WireAction, WireBuild } from '../../../src/providers/jenkins/wire';

/** A git plugin BuildData action, shaped like the recorded ones (the fields the sync asks for). */
function buildData(sha: string, branch: string): WireAction {
  return { _class: 'hudson.plugins.git.util.BuildData', lastBuiltRevision: { SHA1: sha, branch: [{ name: branch }] } };
}

const LIBRARY = buildData('1111111111111111111111111111111111111111', 'refs/remotes/origin/master');
const APP = buildData('2222222222222222222222222222222222222222', 'refs/remotes/origin/feature/login');

describe('Jenkins result to build state', () => {
  it.each([
    ['SUCCESS', false, 'successful'],
    ['FAILURE', false, 'failed'],
    ['UNSTABLE', false, 'failed'],
    ['ABORTED', false, 'cancelled'],
    ['NOT_BUILT', false, 'cancelled'],
    [null, true, 'in_progress'],
    [null, undefined, 'in_progress'],
    ['SUCCESS', true, 'in_progress'],
    [null, false, 'unknown'],
    [undefined, undefined, 'unknown'],
    ['NOT_BUILD', false, 'unknown'],
  ] as const)('result %s, building %s: %s', (result, building, expected) => {
    expect(jenkinsState(result, building)).toBe(expected);
  });
});

describe('which BuildData a build built (shared libraries add their own)', () => {
  it('for a multibranch branch job, picks the one that built that branch', () => {
    expect(pickRevision([LIBRARY, APP], { branchHint: 'feature/login' }).sha).toBe(APP.lastBuiltRevision?.SHA1);
  });

  it("otherwise the one whose commit is in the build's change set", () => {
    expect(pickRevision([LIBRARY, APP], { commitIds: ['2222222222222222222222222222222222222222'] }).sha).toBe(APP.lastBuiltRevision?.SHA1);
  });

  it('and without any hint the first, as freestyle jobs record their own checkout first', () => {
    expect(pickRevision([null, {}, APP, LIBRARY]).sha).toBe(APP.lastBuiltRevision?.SHA1);
    expect(pickRevision([{}, null])).toEqual({ sha: null, branch: null, tag: null });
  });

  it('in a mapped build, a multibranch branch hint decides', () => {
    const wire: WireBuild = { number: 7, result: 'SUCCESS', building: false, timestamp: 1_700_000_000_000, duration: 1000, actions: [LIBRARY, APP] };
    const build = mapJenkinsBuild(wire, {
      connectionId: 'c',
      job: { id: 'shop/app/feature%2Flogin', displayName: 'feature/login', url: 'https://ci.example.com/job/shop/job/app/job/feature%252Flogin/', folderPath: ['shop', 'app'] },
      branchHint: 'feature/login',
    });
    expect(build).toMatchObject({ sha: APP.lastBuiltRevision?.SHA1, branch: 'feature/login', finishedAt: '2023-11-14T22:13:21.000Z' });
    expect(build.url).toBe('https://ci.example.com/job/shop/job/app/job/feature%252Flogin/7/');
  });
});

describe('git refs and remotes', () => {
  it.each([
    ['refs/remotes/origin/main', { branch: 'main', tag: null }],
    ['origin/release/1.x', { branch: 'release/1.x', tag: null }],
    ['refs/heads/main', { branch: 'main', tag: null }],
    ['refs/remotes/upstream/dev', { branch: 'dev', tag: null }],
    ['refs/tags/v1.2.0', { branch: null, tag: 'v1.2.0' }],
    ['PR-12', { branch: 'PR-12', tag: null }],
  ])('%s', (ref, expected) => {
    expect(splitRef(ref)).toEqual(expected);
  });
});
