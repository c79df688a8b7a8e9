import { InvalidJobReference, StagesUnavailable } from '../../../../src/domain/jenkins-insight';
import { NotFound } from '../../../../src/domain/errors';
import { useIncidentJenkins } from './support/setup';

const t = useIncidentJenkins();

describe('build details', () => {
  it('result, duration, commits (SCM changes), parameters and trigger cause', async () => {
    const built = await t().insight.buildDetails('backend-service', 142);

    expect(built.build).toMatchObject({
      number: 142,
      state: 'successful',
      rawState: 'SUCCESS',
      durationMs: 60750,
      commits: [{ sha: 'd27afa0805201322d846d7defc29b82c88d9b5ce', message: 'Commit comment', author: 'username' }],
      parameters: [
        { name: 'bear', value: true },
        { name: 'fish', value: 'salmon' },
      ],
      causes: [{ kind: 'user', description: 'Started by user anonymous', actor: 'anonymous' }],
      job: { id: 'backend-service', url: `${t().jenkins.url}/job/backend-service/` },
      url: `${t().jenkins.url}/job/backend-service/142/`,
    });
    expect(built).toMatchObject({ displayName: '#10', building: false, estimatedDurationMs: 60258, isPipeline: null });
  });

  it('head SHA and branch from the git plugin, for a job three folders deep', async () => {
    const details = await t().insight.buildDetails('Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake', 31);

    expect(details.build).toMatchObject({ number: 31, sha: '0f886c74949c3ee7e489188911c7dc0c1d547418', branch: 'main', state: 'successful' });
    expect(details.isPipeline).toBe(false);
  });

  it('a permalink of a multibranch branch job: the build it stands for, its branch named by the sync\'s rule', async () => {
    const details = await t().insight.buildDetails('shop/main', 'last');

    expect(details.build).toMatchObject({ number: 1, state: 'successful', branch: 'main' });
    expect(details.isPipeline).toBe(true);
    // The build, and the class of its parent (is it a multibranch project?), asked side by side.
    expect(t().jenkins.requests.map((r) => r.path).sort()).toEqual(['/job/shop/api/json', '/job/shop/job/main/lastBuild/api/json']);
  });

  it('a build that does not exist: NotFound saying what to check', async () => {
    const error = await t().insight.buildDetails('backend-service', 7).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFound);
    expect(error).toMatchObject({ message: expect.stringContaining('/job/backend-service/7/api/json'), hint: expect.stringMatching(/build discarder/) });
  });

  it('refuses job paths that would walk the URL instead of naming a job', async () => {
    await expect(t().insight.buildDetails('../../script', 1)).rejects.toBeInstanceOf(InvalidJobReference);
    await expect(t().insight.buildDetails('a//b', 1)).rejects.toBeInstanceOf(InvalidJobReference);
    expect(t().jenkins.requests).toHaveLength(0);
  });
});

describe('pipeline stages', () => {
  it('stages with status (FAILED, not FAILURE), duration and error', async () => {
    const run = await t().insight.pipelineRun('release-pipeline', 'last');

    expect(run).toMatchObject({ jobId: 'release-pipeline', buildNumber: 10, name: '#10', state: 'failed', rawState: 'FAILED', durationMs: 602000 });
    expect(run.stages).toEqual([
      expect.objectContaining({ name: 'gitlabAutoSync', state: 'successful', rawState: 'SUCCESS', durationMs: 14118, error: null }),
      expect.objectContaining({ name: 'gitlabInit', state: 'failed', rawState: 'FAILED', durationMs: 588, error: 'script returned exit code 1' }),
    ]);
  });

  it('a Jenkins without the Pipeline Stage View plugin: StagesUnavailable keeping the 404 message and hint', async () => {
    const error = await t().insight.pipelineRun('legacy-pipeline', 'last').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StagesUnavailable);
    expect(error).toMatchObject({
      reason: 'no-stage-data',
      message: expect.stringMatching(/^Jenkins has nothing at .*\/job\/legacy-pipeline\/10\/wfapi\/describe \(HTTP 404\)\.$/),
      hint: expect.stringMatching(/Pipeline Stage View plugin/),
    });
  });

  it('a freestyle build: StagesUnavailable without asking wfapi', async () => {
    const error = await t().insight.pipelineRun('deploy-production', 'last').catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'StagesUnavailable', reason: 'not-a-pipeline', message: expect.stringMatching(/deploy-production #2 is not a Pipeline run \(it is a FreeStyleBuild\)/) });
    expect(t().jenkins.requests.map((r) => r.path)).toEqual(['/job/deploy-production/lastBuild/api/json']);
  });

  it('every other capability still works for the job without stage data', async () => {
    await expect(t().insight.pipelineRun('legacy-pipeline', 'last')).rejects.toBeInstanceOf(StagesUnavailable);

    await expect(t().insight.buildDetails('legacy-pipeline', 'last')).resolves.toMatchObject({ build: { number: 10 }, isPipeline: true });
    await expect(t().insight.listJobs()).resolves.toMatchObject({ truncated: false });
  });
});

describe('the queue', () => {
  it('what waits, why, for how long, and which items are stuck or blocked', async () => {
    const queue = await t().insight.queue();

    expect(queue).toMatchObject({ checkedAt: '2023-03-26T00:00:00.000Z', stuck: 1, blocked: 1 });
    expect(queue.items).toEqual([
      expect.objectContaining({
        id: 143,
        jobName: 'test',
        status: 'blocked',
        why: 'Build #9 is already in progress (ETA:15 sec)',
        inQueueSince: '2018-04-18T18:02:48.030Z',
        waitingMs: Date.parse('2023-03-26T00:00:00Z') - 1524074568030,
        parameters: [{ name: 'a', value: '4' }],
      }),
      expect.objectContaining({ id: 3549, jobName: null, status: 'stuck', why: 'Just a random message here', stuck: true }),
    ]);
  });
});
