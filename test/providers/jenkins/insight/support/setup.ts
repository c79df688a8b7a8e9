import { JenkinsInsight } from '../../../../../src/providers/jenkins/insight';
import { SECRET, TOKEN, jenkinsAt, testDeps, type TestDeps } from '../../../support/deps';
import { JenkinsStandIn } from './stand-in';
import { incidentWorld } from './world';

export const JENKINS_USER = 'deploy-bot';

/** The incident world's stand-in, accepting the test connection's user and token. */
export function startIncidentJenkins(): Promise<JenkinsStandIn> {
  return JenkinsStandIn.start({ ...incidentWorld(), user: JENKINS_USER, token: TOKEN });
}

export interface InsightUnderTest {
  readonly jenkins: JenkinsStandIn;
  readonly insight: JenkinsInsight;
  readonly deps: TestDeps;
}

/** Per test file: `const t = useIncidentJenkins();` then `t().insight` in a test. */
export function useIncidentJenkins(overrides: Parameters<typeof testDeps>[0] = {}): () => InsightUnderTest {
  let current: InsightUnderTest | undefined;
  beforeEach(async () => {
    const jenkins = await startIncidentJenkins();
    const deps = testDeps(overrides);
    current = { jenkins, deps, insight: new JenkinsInsight(jenkinsAt(jenkins.url), SECRET, deps) };
  });
  afterEach(async () => {
    await current?.jenkins.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useIncidentJenkins() is only available inside a test');
    return current;
  };
}
