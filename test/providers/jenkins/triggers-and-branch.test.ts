import type { Build } from '../../../src/domain/build';
import { JenkinsInsight } from '../../../src/providers/jenkins/insight';
import { causesOf, stopReasonsOf } from '../../../src/providers/jenkins/map-build';
import { JenkinsProvider } from '../../../src/providers/jenkins/service';
import { buildSchema, type WireAction } from '../../../src/providers/jenkins/wire';
import { SECRET, jenkinsAt, testDeps } from '../support/deps';
import { envelope, fixture, json, startRecordedServer, type RecordedServer, type Route } from '../support/recorded-server';

let server: RecordedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const DEVLAKE = 'jenkins/apache-incubator-devlake';
const CI_EYE = 'jenkins/netmelody-ci-eye';

/** A recorded build with one more action, put first so that no rule can lean on the order of actions. */
function withAction(file: string, action: object): Buffer {
  const recorded = fixture(file).toString('utf8');
  return Buffer.from(recorded.replace('"actions":[', `"actions":[${JSON.stringify(action)},`));
}

/** `jenkins.model.InterruptedBuildAction`, as Jenkins exports it when a build is stopped. */
const interrupted = (...causes: object[]) => ({ _class: 'jenkins.model.InterruptedBuildAction', causes });
const TIMEOUT = { _class: 'org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution$ExceededTimeout', shortDescription: 'Timeout has been exceeded' };
const ABORTED_BY_USER = { _class: 'jenkins.model.CauseOfInterruption$UserInterruption', shortDescription: 'Aborted by abc' };

const actionsOf = (bytes: Buffer): (WireAction | null)[] => buildSchema.parse(JSON.parse(bytes.toString('utf8'))).actions ?? [];

describe('what started a build, and what stopped it', () => {
  it('given a build stopped by a timeout, when mapped, the trigger is only its CauseAction and the timeout is why it stopped', () => {
    const actions = actionsOf(withAction(`${DEVLAKE}/_raw_jenkins_api_builds-10003.json`, interrupted(TIMEOUT)));

    expect(causesOf(actions)).toEqual([{ kind: 'user', description: 'Started by user abc', actor: 'abc' }]);
    expect(stopReasonsOf(actions)).toEqual([{ description: 'Timeout has been exceeded', actor: null }]);
  });

  it('given a build that ran to its end, there is no stop reason', () => {
    expect(stopReasonsOf(actionsOf(fixture(`${DEVLAKE}/_raw_jenkins_api_builds-100.json`)))).toEqual([]);
  });

  it('given Jenkins 1.x (no _class), the first action with causes is the trigger', () => {
    const recorded = actionsOf(fixture(`${CI_EYE}/jenkins_1.409.1_builddetail_2.json`));
    const actions = [...recorded, { causes: [{ shortDescription: 'Aborted by admin' }] }];

    expect(causesOf(actions)).toEqual([{ kind: 'scm', description: 'Started by an SCM change', actor: null }]);
  });

  it('given a stopped build, when its details are read, causes and stop reasons stay apart', async () => {
    const build = withAction(`${DEVLAKE}/_raw_jenkins_api_builds-10003.json`, interrupted(TIMEOUT, ABORTED_BY_USER));
    server = await startRecordedServer([{ path: '/job/devlake/10003/api/json', reply: json(build) }]);
    const insight = new JenkinsInsight(jenkinsAt(server.url), SECRET, testDeps());

    const details = await insight.buildDetails('devlake', 10003);

    expect(details.build.causes).toEqual([{ kind: 'user', description: 'Started by user abc', actor: 'abc' }]);
    expect(details.stoppedBy).toEqual([
      { description: 'Timeout has been exceeded', actor: null },
      { description: 'Aborted by abc', actor: null },
    ]);
    expect(details.build).toMatchObject({ state: 'cancelled', rawState: 'ABORTED' });
  });
});

const MULTIBRANCH = 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject';
const FOLDER = 'com.cloudbees.hudson.plugins.folder.Folder';
/** A DevLake row with no git BuildData: a build stopped before it checked anything out. */
const NO_CHECKOUT = `${DEVLAKE}/_raw_jenkins_api_builds-10003.json`;
const BRANCH_JOB = '/job/shop/job/feature%252Flogin';

/** A Jenkins with one project `shop` of the given class, holding the branch job `feature%2Flogin` and its build 10003. */
function shopRoutes(parentClass: string): Route[] {
  const overview = JSON.stringify({
    jobs: [{ _class: parentClass, name: 'shop', jobs: [{ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob', name: 'feature%2Flogin', lastBuild: { number: 10003 } }] }],
  });
  return [
    { path: '/api/json', reply: json(overview) },
    { path: '/job/shop/api/json', reply: json(JSON.stringify({ _class: parentClass })) },
    { path: `${BRANCH_JOB}/api/json`, reply: json(envelope('{"builds":[', [fixture(NO_CHECKOUT)], ']}')) },
    { path: `${BRANCH_JOB}/10003/api/json`, reply: json(fixture(NO_CHECKOUT)) },
  ];
}

/** The same build as the sync, a targeted read and the insight's build details see it. */
async function threeWays(parentClass: string): Promise<Build[]> {
  server = await startRecordedServer(shopRoutes(parentClass));
  const connection = jenkinsAt(server.url);
  const provider = new JenkinsProvider(connection, SECRET, testDeps());
  const synced = (await provider.listBuildsSince(undefined)).builds;
  const read = await provider.getBuild('shop/feature%2Flogin', 10003);
  const details = await new JenkinsInsight(connection, SECRET, testDeps()).buildDetails('shop/feature%2Flogin', 10003);
  return [...synced, read, details.build];
}

describe('one branch rule for the sync and the insight', () => {
  it('given a multibranch branch job whose build checked nothing out, all three name the branch job\'s branch', async () => {
    const builds = await threeWays(MULTIBRANCH);

    expect(builds).toHaveLength(3);
    expect(builds.map((b) => b.branch)).toEqual(['feature/login', 'feature/login', 'feature/login']);
  });

  it('given the same job in a plain folder, none invents a branch', async () => {
    const builds = await threeWays(FOLDER);

    expect(builds.map((b) => b.branch)).toEqual([null, null, null]);
  });
});
