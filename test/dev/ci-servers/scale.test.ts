import { startCiStandIns } from '../../../dev/ci-servers';
import { TREE_LEVELS, jobsTree } from '../../../src/providers/jenkins/tree';
import { JENKINS_AUTH } from './support';

/** A smoke test of the bench's sizes: generated in-process, answered from columns. Times are printed, not asserted. */
it('generates the bench sizes and answers a full Jenkins overview', async () => {
  const started = performance.now();
  const ci = await startCiStandIns({ preset: 'scale' });
  const generatedMs = performance.now() - started;
  try {
    const pipelines = ci.circleci.model.projects.map((p) => p.pipelines.length);
    expect(ci.jenkins.model.jobs).toHaveLength(200);
    expect(ci.jenkins.model.totalBuilds).toBe(100_000);
    expect(ci.buildkite.model.builds.length).toBe(20_000);
    expect(pipelines).toEqual(Array.from({ length: 10 }, () => 1000));

    const asked = performance.now();
    const answer = await fetch(`${ci.jenkins.url}/api/json?tree=${jobsTree(TREE_LEVELS)}`, { headers: JENKINS_AUTH });
    const body = (await answer.json()) as { jobs: unknown[] };
    const overviewMs = performance.now() - asked;

    expect(body.jobs).toHaveLength(12);
    console.log(`scale stand-ins: generated in ${generatedMs.toFixed(0)} ms; one Jenkins overview (200 jobs) in ${overviewMs.toFixed(1)} ms`);
  } finally {
    await ci.close();
  }
});
