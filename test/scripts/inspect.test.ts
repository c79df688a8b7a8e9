import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = 'test/fixtures';

/** Runs the command as a person would and returns stdout lines parsed as JSON. */
function inspect(args: string[], viaNpm = false): { lines: Record<string, unknown>[]; status: number | null; stderr: string } {
  const [command, prefix] = viaNpm ? ['npm', ['run', '--silent', 'inspect', '--']] : [path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/inspect.ts']];
  const result = spawnSync(command, [...prefix, ...args], { cwd: ROOT, encoding: 'utf8' });
  const lines = result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, status: result.status, stderr: result.stderr };
}

describe('npm run --silent inspect -- builds <provider> <file.json>', () => {
  it('prints one normalized Jenkins build per line (exactly the documented command)', () => {
    const { lines, status } = inspect(['builds', 'jenkins', `${FIXTURES}/jenkins/netmelody-ci-eye/jenkins_2.60.1_builddetail_2.json`], true);

    expect(status).toBe(0);
    expect(lines).toEqual([
      expect.objectContaining({
        provider: 'jenkins',
        number: 2,
        state: 'successful',
        sha: 'cd90b94b651158d2ce923067bad99738b741228c',
        branch: 'master',
        commits: [expect.objectContaining({ sha: 'cd90b94b651158d2ce923067bad99738b741228c', message: expect.stringMatching(/^add some example json/) })],
        startedAt: '2017-07-14T09:27:10.269Z',
        url: 'http://jenkins/job/foo/2/',
      }),
    ]);
  });

  it('a Jenkins job with builds, and a lone DevLake allBuilds row', () => {
    expect(inspect(['builds', 'jenkins', `${FIXTURES}/jenkins/cdancy-jenkins-rest/job-info.json`]).lines).toHaveLength(7);
    expect(inspect(['builds', 'jenkins', `${FIXTURES}/jenkins/apache-incubator-devlake/_raw_jenkins_api_builds-10005.json`]).lines).toEqual([
      expect.objectContaining({ number: 10005, state: 'failed', job: expect.objectContaining({ id: 'Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake' }) }),
    ]);
  });

  it('a Buildkite build and a list of builds', () => {
    const dir = `${FIXTURES}/buildkite/sourcelaborg-buildkite-api-client`;
    expect(inspect(['builds', 'buildkite', `${dir}/getBuild.json`]).lines).toEqual([
      expect.objectContaining({ provider: 'buildkite', number: 22, state: 'failed', sha: 'commit-hash', branch: 'main', startedAt: '2023-01-09T09:26:52.321Z' }),
    ]);
    expect(inspect(['builds', 'buildkite', `${dir}/listBuilds.json`]).lines.map((b) => b.number)).toEqual([8, 7]);
  });

  it('a CircleCI pipeline list, with its workflows when given', () => {
    const dir = `${FIXTURES}/circleci/lf-engineering-da-ds`;
    const { lines } = inspect([
      'builds',
      'circleci',
      `${dir}/pipeline-list_GET-project-gh-LF-Engineering-da-ds-pipeline.json`,
      `${dir}/workflow-list_GET-pipeline-98b1071e-workflow.json`,
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        provider: 'circleci',
        number: 154,
        state: 'successful',
        sha: 'db4e4736effbf25d0b48f9027dd81660fc114cb4',
        branch: 'master',
        url: 'https://app.circleci.com/pipelines/github/LF-Engineering/da-ds/154',
      }),
    ]);
  });

  it('says what it expected when the file is something else, and shows usage for bad arguments', () => {
    const wrong = inspect(['builds', 'buildkite', `${FIXTURES}/jenkins/cdancy-jenkins-rest/queue.json`]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/Expected a Buildkite build or list of builds/);
    const usage = inspect(['builds', 'gitlab', 'x.json']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run --silent inspect -- builds/);
  });
});
