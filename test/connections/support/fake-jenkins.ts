import { json, startRecordedServer, type RecordedServer } from '../../providers/support/recorded-server';

export const JENKINS_USER = 'deploy-bot';
export const JENKINS_TOKEN = 'tok-7f3e9a21c4b8d605';

// No recording of /whoAmI exists in the fixtures: this body follows Jenkins' WhoAmI export.
const whoAmI = (name: string) => `{"_class":"hudson.security.WhoAmI","anonymous":false,"authenticated":true,"name":"${name}"}`;
const ROOT =
  '{"_class":"hudson.model.Hudson","jobs":[' +
  '{"_class":"hudson.model.FreeStyleProject","name":"build","url":"http://127.0.0.1/jenkins/job/build/","lastBuild":{"number":7}},' +
  '{"_class":"hudson.model.FreeStyleProject","name":"deploy-production","url":"http://127.0.0.1/jenkins/job/deploy-production/","lastBuild":{"number":3}},' +
  '{"_class":"hudson.model.FreeStyleProject","name":"deploy-staging","url":"http://127.0.0.1/jenkins/job/deploy-staging/","lastBuild":{"number":5}}]}';

export interface FakeJenkinsOptions {
  readonly token?: string;
  /** Headers a proxy in front of it requires, e.g. Cloudflare Access. */
  readonly requiredHeaders?: Readonly<Record<string, string>>;
}

/**
 * A Jenkins under /jenkins on 127.0.0.1 that answers 401 unless the request carries the user,
 * the token and the required headers, the way Jenkins and a proxy in front of it do.
 */
export function fakeJenkins(options: FakeJenkinsOptions = {}): Promise<RecordedServer> {
  const expected = `Basic ${Buffer.from(`${JENKINS_USER}:${options.token ?? JENKINS_TOKEN}`).toString('base64')}`;
  const authorised = (headers: Record<string, string | string[] | undefined>) =>
    headers['authorization'] === expected &&
    Object.entries(options.requiredHeaders ?? {}).every(([name, value]) => headers[name.toLowerCase()] === value);
  const unauthorised = { status: 401, body: '<html><body>Unauthorized</body></html>', headers: { 'content-type': 'text/html' } };
  return startRecordedServer([
    { path: '/jenkins/api/json', reply: (r) => (authorised(r.headers) ? json(ROOT, 200, { 'x-jenkins': '2.440.3' }) : unauthorised) },
    { path: '/jenkins/whoAmI/api/json', reply: (r) => (authorised(r.headers) ? json(whoAmI(JENKINS_USER)) : unauthorised) },
  ]);
}
