import { startJenkinsStandIn, type ItemSpec } from '../../../dev/ci-servers';
import { htmlReply } from '../../../dev/ci-servers/shared/reply';
import type { RecordedServer } from '../../providers/support/recorded-server';

export const JENKINS_USER = 'deploy-bot';
export const JENKINS_TOKEN = 'tok-7f3e9a21c4b8d605';

const freestyle = (name: string, builds: number): ItemSpec => ({ type: 'job', name, pipeline: false, feed: { kind: 'periodic', builds } });
const JOBS: readonly ItemSpec[] = [freestyle('build', 7), freestyle('deploy-production', 3), freestyle('deploy-staging', 5)];

export interface FakeJenkinsOptions {
  readonly token?: string;
  /** Headers a proxy in front of it requires, e.g. Cloudflare Access. */
  readonly requiredHeaders?: Readonly<Record<string, string>>;
}

/**
 * The Jenkins stand-in under /jenkins with three freestyle jobs, answering 401 unless the request
 * carries the user, the token and the required headers, the way Jenkins and a proxy in front of
 * it do. `url` is the server's origin (the egress domain), without the context path.
 */
export async function fakeJenkins(options: FakeJenkinsOptions = {}): Promise<RecordedServer> {
  const jenkins = await startJenkinsStandIn({ contextPath: '/jenkins', version: '2.440.3', layout: JOBS, users: { [JENKINS_USER]: options.token ?? JENKINS_TOKEN } });
  const required = Object.entries(options.requiredHeaders ?? {});
  jenkins.script.overrides = [
    (request) =>
      required.every(([name, value]) => request.headers[name.toLowerCase()] === value) ? undefined : htmlReply('<html><body>Unauthorized</body></html>', 401),
  ];
  return { url: new URL(jenkins.url).origin, requests: jenkins.script.requests, close: () => jenkins.close() };
}
