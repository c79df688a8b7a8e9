import { startJenkinsStandIn, type JenkinsStandIn, type Reply } from '../../../dev/ci-servers';

/** The credentials `saveJenkins` stores, which the stand-in accepts. */
export const JENKINS_USER = 'deploy-bot';
export const JENKINS_TOKEN = 'token-0123456789';

/** The Jenkins stand-in with no jobs: each test scripts the builds it needs (`jenkins.script`). */
export function scriptedJenkins(): Promise<JenkinsStandIn> {
  return startJenkinsStandIn({ layout: [], users: { [JENKINS_USER]: JENKINS_TOKEN } });
}

/** An answer for `jenkins.script.overrides`: JSON by default, as a Jenkins or a proxy in front of it might send. */
export function reply(answer: { readonly status?: number; readonly headers?: Record<string, string>; readonly body?: string }): Reply {
  return { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers }, body: answer.body ?? '' };
}

/** A 40-character SHA made from a small number, readable in failures. */
export function sha(n: number): string {
  return n.toString(16).padStart(40, '0');
}
