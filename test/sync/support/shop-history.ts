import type { JenkinsStandIn, ScriptedCommit } from '../../../dev/ci-servers';
import { scriptedJenkins, sha } from './jenkins';

/**
 * A small shop: a CI job on main whose commits mention DEMO issues, and two deploy jobs that
 * deploy what CI built. Times are ten minutes apart, in the order things happen.
 */
export const COMMITS: readonly ScriptedCommit[] = [
  { sha: sha(1), message: 'DEMO-1 fix the login redirect' },
  { sha: sha(2), message: 'Handle UTF-8 names and SHA-256 ids (DEMO-2)' },
  { sha: sha(3), message: 'demo-3: cache product images, see CVE-2024-1234' },
  { sha: sha(4), message: 'OPS-1 rotate certificates; DEMO-1 follow-up' },
];

export function commit(index: number): ScriptedCommit {
  const found = COMMITS[index];
  if (!found) throw new Error(`no commit ${index}`);
  return found;
}

const T0 = Date.parse('2026-11-01T10:00:00Z');
const MINUTE = 60_000;

/** The Jenkins stand-in holding the shop: two CI builds, then a deploy of the second to staging and to production. */
export async function shopJenkins(): Promise<JenkinsStandIn> {
  const jenkins = await scriptedJenkins();
  jenkins.script.addBuild('shop/build', { commits: [commit(0)], timestamp: T0 });
  jenkins.script.addBuild('shop/build', { commits: [commit(1)], timestamp: T0 + 10 * MINUTE });
  jenkins.script.addBuild('shop/deploy-staging', { commits: [commit(1)], timestamp: T0 + 20 * MINUTE });
  jenkins.script.addBuild('shop/deploy-production', { commits: [commit(1)], timestamp: T0 + 30 * MINUTE });
  return jenkins;
}

/** CI builds the next commit and both environments get it. */
export function shipNext(jenkins: JenkinsStandIn, commit: ScriptedCommit, at: number): void {
  jenkins.script.addBuild('shop/build', { commits: [commit], timestamp: at });
  jenkins.script.addBuild('shop/deploy-staging', { commits: [commit], timestamp: at + 10 * MINUTE });
  jenkins.script.addBuild('shop/deploy-production', { commits: [commit], timestamp: at + 20 * MINUTE });
}

export { T0, MINUTE };
