import { DEFAULT_LOG_BUDGET_BYTES } from '../../src/providers/jenkins/insight';
import { testPlatform } from '../support/platform';
import { saveJenkins } from '../providers/jenkins/insight/support/saved-connection';
import { startIncidentJenkins } from '../providers/jenkins/insight/support/setup';
import type { JenkinsStandIn } from '../providers/jenkins/insight/support/stand-in';
import { projectReadingAllJobsOf } from './support/readers';

/**
 * QUESTION_MAP: the five example questions, each mapped to the action (and inputs) the agent's prompt
 * routes it to, run through the emulator as Rovo runs them: `{...inputs, context}` to the
 * action's function, with the asking user as principal.
 */
const QUESTION_MAP = [
  {
    question: "What's the status of the last build for the deploy-production job?",
    action: 'jenkins-build-details',
    inputs: { job: 'deploy-production', build: 'last' },
  },
  {
    question: 'Show me the build log for the last failed build of api-server',
    action: 'jenkins-build-log',
    inputs: { job: 'api-server', build: 'lastFailed' },
  },
  {
    question: 'What code changes were in build #142 of backend-service?',
    action: 'jenkins-build-details',
    inputs: { job: 'backend-service', build: '#142' },
  },
  {
    question: 'Are any builds stuck in the queue right now?',
    action: 'jenkins-queue',
    inputs: {},
  },
  {
    question: 'Show me the pipeline stages for the latest run of release-pipeline',
    action: 'jenkins-pipeline-stages',
    inputs: { job: 'release-pipeline', build: 'latest' },
  },
] as const;

const ASKER = 'rovo-user-1';
let jenkins: JenkinsStandIn;

beforeAll(async () => {
  jenkins = await startIncidentJenkins();
  testPlatform().site.addUser({ accountId: ASKER, displayName: 'Ira Incident' });
  await saveJenkins({ id: 'prod-ci', name: 'Production CI', baseUrl: jenkins.url, agentEnabled: true });
  await saveJenkins({ id: 'old-ci', name: 'Old CI', baseUrl: 'https://old-ci.example.com', agentEnabled: false });
  await projectReadingAllJobsOf('INC', ['prod-ci'], [ASKER]);
});
afterAll(() => jenkins.close());
beforeEach(() => jenkins.requests.splice(0));

const ask = async (action: string, inputs: Record<string, unknown>): Promise<string> => {
  const answer = await testPlatform().app.runAction(action, inputs, ASKER);
  if (typeof answer !== 'string') throw new Error(`action ${action} answered ${JSON.stringify(answer)}`);
  return answer;
};

describe('the agent in the manifest', () => {
  it('lists one read-only action per capability, and every mapped input is declared', () => {
    const { modules } = testPlatform().manifest;
    const agent = modules['rovo:agent'].find((a) => a.key === 'jenkins-insight-agent');
    expect(agent?.['actions']).toEqual([
      'jenkins-list-jobs',
      'jenkins-job-health',
      'jenkins-build-details',
      'jenkins-build-log',
      'jenkins-queue',
      'jenkins-pipeline-stages',
    ]);
    for (const { action, inputs } of QUESTION_MAP) {
      const declared = modules.action.find((a) => a.key === action);
      expect(declared?.['actionVerb']).toBe('GET');
      expect(Object.keys(declared?.['inputs'] ?? {})).toEqual(expect.arrayContaining(Object.keys(inputs)));
    }
  });
});

describe('the five example questions, answered in the emulator', () => {
  it(QUESTION_MAP[0].question, async () => {
    const answer = await ask(QUESTION_MAP[0].action, QUESTION_MAP[0].inputs);

    expect(answer).toMatch(/^deploy-production #2 on Jenkins "Production CI": successful \(SUCCESS\), 1\.6 s, started 2017-07-14 /);
    expect(answer).toContain('Built commit: cd90b94b651158d2ce923067bad99738b741228c on branch master.');
    expect(answer).toContain('Code changes (1 commit):\n- cd90b94b6511 add some example json from jenkins for testing');
  });

  it(QUESTION_MAP[1].question, async () => {
    const answer = await ask(QUESTION_MAP[1].action, QUESTION_MAP[1].inputs);

    expect(answer).toMatch(/^Log of the last failed build of api-server \(#10002\) on Jenkins "Production CI": 50\.0 MiB in all; only its last 64 KiB were read\./);
    expect(answer).toContain('First error line found: [ERROR] Tests run: 7, Failures: 1, Errors: 1, Skipped: 0 <<< FAILURE!');
    expect(answer).toContain('java.lang.IllegalStateException: connection pool exhausted after 30000 ms');
    expect(answer).toMatch(/Finished: FAILURE\n```$/);
    expect(jenkins.bytesSent('/logText/')).toBeLessThanOrEqual(DEFAULT_LOG_BUDGET_BYTES + 1024);
  });

  it(QUESTION_MAP[2].question, async () => {
    const answer = await ask(QUESTION_MAP[2].action, QUESTION_MAP[2].inputs);

    expect(answer).toMatch(/^backend-service #142 on Jenkins "Production CI": successful \(SUCCESS\), 1 min 1 s/);
    expect(answer).toContain('Code changes (1 commit):\n- d27afa080520 Commit comment — username');
    expect(answer).toContain('Parameters: bear=true, fish=salmon.');
  });

  it(QUESTION_MAP[3].question, async () => {
    const answer = await ask(QUESTION_MAP[3].action, QUESTION_MAP[3].inputs);

    // The stuck Pipeline step names no job, so it cannot be told to belong to the asker's project: left out.
    expect(answer).toMatch(/^1 item in the build queue on Jenkins "Production CI": 0 stuck, 1 blocked/);
    expect(answer).not.toContain('queue item 3549');
    expect(answer).toContain('- BLOCKED: test (queue item 143');
  });

  it(QUESTION_MAP[4].question, async () => {
    const answer = await ask(QUESTION_MAP[4].action, QUESTION_MAP[4].inputs);

    expect(answer).toBe(
      [
        'release-pipeline #10 on Jenkins "Production CI": FAILED, 10 min 2 s, started 2021-05-26 03:33 UTC.',
        'Stages (2):',
        '1. gitlabAutoSync — SUCCESS, 14 s',
        '2. gitlabInit — FAILED, 0.6 s — error: script returned exit code 1',
      ].join('\n'),
    );
  });
});

describe('the other actions', () => {
  it('job health', async () => {
    const answer = await ask('jenkins-job-health', { job: 'deploy-production' });
    expect(answer).toContain('Health: 20/100 — Build stability: 4 out of the last 5 builds failed.');
    expect(answer).toContain('Last 25 builds: success rate 56%, trend degrading, average duration 1 min 18 s.');
  });

  it('list jobs, three folders deep', async () => {
    const answer = await ask('jenkins-list-jobs', {});
    expect(answer).toContain('      - Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake — freestyle job, success; last build #31 successful');
    expect(answer).toContain('- shop — multibranch project');
  });

  it('a short job name is found in its folder', async () => {
    const answer = await ask('jenkins-job-health', { job: 'devlake' });
    expect(answer).toMatch(/^Test-jenkins-dir\/test-jenkins-sub-dir\/test-sub-sub-dir\/devlake \(freestyle job\)/);
  });

  it('a freestyle build has no stages, and the answer says why', async () => {
    const answer = await ask('jenkins-pipeline-stages', { job: 'deploy-production', build: 'last' });
    expect(answer).toMatch(/^I could not answer that\. deploy-production #2 is not a Pipeline run/);
    expect(answer).toContain('What to do: Only Pipeline jobs (a Jenkinsfile) have stages.');
  });
});
