import { FakeJenkins, sha, type FakeCommit } from './fake-jenkins';

/**
 * A small shop: a CI job on main whose commits mention DEMO issues, and two deploy jobs that
 * deploy what CI built. Times are ten minutes apart, in the order things happen.
 */
export const COMMITS: readonly FakeCommit[] = [
  { sha: sha(1), message: 'DEMO-1 fix the login redirect' },
  { sha: sha(2), message: 'Handle UTF-8 names and SHA-256 ids (DEMO-2)' },
  { sha: sha(3), message: 'demo-3: cache product images, see CVE-2024-1234' },
  { sha: sha(4), message: 'OPS-1 rotate certificates; DEMO-1 follow-up' },
];

export function commit(index: number): FakeCommit {
  const found = COMMITS[index];
  if (!found) throw new Error(`no commit ${index}`);
  return found;
}

const T0 = Date.parse('2026-11-01T10:00:00Z');
const MINUTE = 60_000;

export function shopJenkins(): FakeJenkins {
  const jenkins = new FakeJenkins();
  jenkins.addBuild('shop/build', { commits: [commit(0)], timestamp: T0 });
  jenkins.addBuild('shop/build', { commits: [commit(1)], timestamp: T0 + 10 * MINUTE });
  jenkins.addBuild('shop/deploy-staging', { commits: [commit(1)], timestamp: T0 + 20 * MINUTE });
  jenkins.addBuild('shop/deploy-production', { commits: [commit(1)], timestamp: T0 + 30 * MINUTE });
  return jenkins;
}

/** CI builds the next commit and both environments get it. */
export function shipNext(jenkins: FakeJenkins, commit: FakeCommit, at: number): void {
  jenkins.addBuild('shop/build', { commits: [commit], timestamp: at });
  jenkins.addBuild('shop/deploy-staging', { commits: [commit], timestamp: at + 10 * MINUTE });
  jenkins.addBuild('shop/deploy-production', { commits: [commit], timestamp: at + 20 * MINUTE });
}

export { T0, MINUTE };
