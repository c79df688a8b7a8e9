import { z } from 'zod';
import { envelope, fixture } from '../../../support/recorded-server';
import { failingMavenEnding, generatedLog, recordedLog } from './logs';
import { json, type LogSource, type Reply } from './stand-in';

/**
 * The Jenkins the insight tests talk to. Bodies are the recordings in test/fixtures/jenkins,
 * byte for byte; where a list element was recorded alone (DevLake rows, queue items, builds used
 * as a job's lastBuild), the envelope around it is written here, shaped as Jenkins sends it.
 * Two bodies are derived rather than recorded, and say so: a build renumbered to 142, and a job
 * history of 30 builds generated from one DevLake row.
 */

const CDANCY = 'jenkins/cdancy-jenkins-rest';
const DEVLAKE = 'jenkins/apache-incubator-devlake';
const NETMELODY = 'jenkins/netmelody-ci-eye';

const row = (id: number) => fixture(`${DEVLAKE}/_raw_jenkins_api_builds-${id}.json`);
const stage = (id: number) => fixture(`${DEVLAKE}/_raw_jenkins_api_stages-${id}.json`);

const FOLDER = 'com.cloudbees.hudson.plugins.folder.Folder';
const PIPELINE = 'org.jenkinsci.plugins.workflow.job.WorkflowJob';
const FREESTYLE = 'hudson.model.FreeStyleProject';
const MULTIBRANCH = 'org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject';
const ORGANIZATION = 'jenkins.branch.OrganizationFolder';

/** `{"_class":..., "name":..., "color":..., "lastBuild": <recorded build>}` */
function item(className: string, name: string, color: string | null, lastBuild: Buffer | null): Buffer {
  const head = `{"_class":"${className}","name":"${name}"${color ? `,"color":"${color}"` : ''}`;
  return lastBuild ? Buffer.concat([Buffer.from(`${head},"lastBuild":`), lastBuild, Buffer.from('}')]) : Buffer.from(`${head}}`);
}

/** A folder's answer (`name` null) or a nested container item: `{"_class":..., "name":..., "jobs":[...]}`. */
function container(className: string, name: string | null, items: readonly Buffer[]): Buffer {
  return envelope(`{"_class":"${className}"${name ? `,"name":"${name}"` : ''},"jobs":[`, items, ']}');
}

const folder = (className: string, items: readonly Buffer[]) => container(className, null, items);

const recordedObject = (bytes: Buffer) => z.record(z.string(), z.unknown()).parse(JSON.parse(bytes.toString('utf8')));

/** The recording of fish #10 with its number changed to 142; every other field as recorded. */
export function renumbered(number: number): Buffer {
  const build = recordedObject(fixture(`${CDANCY}/build-info-git-commit.json`));
  return Buffer.from(JSON.stringify({ ...build, number, url: `http://localhost:32769/job/fish/${number}/` }));
}

/** 30 builds shaped on DevLake row 93: #1-#15 pass, then mostly failures; newest first, as Jenkins lists them. */
export function generatedHistory(): Buffer[] {
  const template = recordedObject(row(93));
  const builds: Buffer[] = [];
  for (let number = 30; number >= 1; number -= 1) {
    const result = number <= 15 || number % 4 === 0 ? 'SUCCESS' : 'FAILURE';
    const values = { number, result, timestamp: 1650000000000 + number * 3_600_000, duration: 60_000 + number * 1000 };
    builds.push(Buffer.from(JSON.stringify({ ...template, ...values })));
  }
  return builds;
}

/** The 50 MB log of api-server's last failed build (DevLake row 10002 is #10002, FAILURE). */
export const API_SERVER_FAILED_BUILD = 10002;
export const FIFTY_MB = 50 * 1024 * 1024;

export function incidentWorld(): { routes: Record<string, Reply>; logs: Record<string, LogSource> } {
  const deployHistory = generatedHistory();
  const run = envelope('{"id":"10","name":"#10","status":"FAILED","startTimeMillis":1622000000000,"durationMillis":602000,"stages":[', [stage(13579), stage(13574)], ']}');
  const routes: Record<string, Reply> = {
    '/api/json': json(
      folder('hudson.model.Hudson', [
        item(FREESTYLE, 'deploy-production', 'red', fixture(`${NETMELODY}/jenkins_2.60.1_builddetail_2.json`)),
        item(PIPELINE, 'api-server', 'red', row(API_SERVER_FAILED_BUILD)),
        item(FREESTYLE, 'backend-service', 'blue', fixture(`${CDANCY}/build-info-git-commit.json`)),
        item(PIPELINE, 'release-pipeline', 'red_anime', fixture(`${CDANCY}/build-info-no-params.json`)),
        item(PIPELINE, 'legacy-pipeline', 'blue', null),
        item(FOLDER, 'Test-jenkins-dir', null, null),
        item(MULTIBRANCH, 'shop', null, null),
        // An organization folder whose answer nests its repositories, as a deep `tree=` query returns it.
        container(ORGANIZATION, 'acme-org', [container(MULTIBRANCH, 'payments', [item(PIPELINE, 'main', 'yellow', row(10005))])]),
      ]),
    ),
    // A folder tree three levels deep (DevLake's job Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake).
    '/job/Test-jenkins-dir/api/json': json(folder(FOLDER, [item(FOLDER, 'test-jenkins-sub-dir', null, null)])),
    '/job/Test-jenkins-dir/job/test-jenkins-sub-dir/api/json': json(folder(FOLDER, [item(FOLDER, 'test-sub-sub-dir', null, null)])),
    '/job/Test-jenkins-dir/job/test-jenkins-sub-dir/job/test-sub-sub-dir/api/json': json(folder(FOLDER, [item(FREESTYLE, 'devlake', 'blue', row(93))])),
    '/job/Test-jenkins-dir/job/test-jenkins-sub-dir/job/test-sub-sub-dir/job/devlake/api/json': json(
      envelope(`{"_class":"${FREESTYLE}","name":"devlake","color":"blue","builds":[`, [93, 94, 95, 121, 122, 123, 124].map(row), ']}'),
    ),
    '/job/Test-jenkins-dir/job/test-jenkins-sub-dir/job/test-sub-sub-dir/job/devlake/31/api/json': json(row(93)),
    // A multibranch project: branch jobs, one of them building (its name URL-encoded, as Jenkins stores it).
    '/job/shop/api/json': json(folder(MULTIBRANCH, [item(PIPELINE, 'main', 'blue', row(100)), item(PIPELINE, 'feature%2Flogin', 'red_anime', row(96))])),
    '/job/shop/job/main/lastBuild/api/json': json(row(100)),
    // deploy-production: a freestyle job with a long history.
    '/job/deploy-production/api/json': json(
      envelope(`{"_class":"${FREESTYLE}","name":"deploy-production","description":"Ships to production","color":"red","healthReport":[{"description":"Build stability: 4 out of the last 5 builds failed.","score":20}],"builds":[`, deployHistory, ']}'),
    ),
    '/job/deploy-production/lastBuild/api/json': json(fixture(`${NETMELODY}/jenkins_2.60.1_builddetail_2.json`)),
    '/job/deploy-production/2/api/json': json(fixture(`${NETMELODY}/jenkins_2.60.1_builddetail_2.json`)),
    '/job/fish/api/json': json(fixture(`${CDANCY}/job-info.json`)),
    // api-server: a Pipeline whose last failed build wrote a 50 MB log.
    '/job/api-server/lastFailedBuild/api/json': json(row(API_SERVER_FAILED_BUILD)),
    '/job/backend-service/142/api/json': json(renumbered(142)),
    // release-pipeline: a Pipeline run with stages (DevLake wfapi rows in a run envelope).
    '/job/release-pipeline/lastBuild/api/json': json(fixture(`${CDANCY}/build-info-no-params.json`)),
    '/job/release-pipeline/10/api/json': json(fixture(`${CDANCY}/build-info-no-params.json`)),
    '/job/release-pipeline/10/wfapi/describe': json(run),
    // legacy-pipeline: a Pipeline on a Jenkins without the Stage View plugin (no wfapi route: 404).
    '/job/legacy-pipeline/lastBuild/api/json': json(fixture(`${CDANCY}/build-info-no-params.json`)),
    // A queue with a blocked item and a stuck one (recorded queue items in the queue's envelope).
    '/queue/api/json': json(
      envelope('{"_class":"hudson.model.Queue","discoverableItems":[],"items":[', [fixture(`${CDANCY}/queueItemPending.json`), fixture(`${CDANCY}/queueItemMissingTaskUrl.json`)], ']}'),
    ),
  };
  const logs: Record<string, LogSource> = {
    [`/job/api-server/${API_SERVER_FAILED_BUILD}/`]: generatedLog(FIFTY_MB, failingMavenEnding()),
    '/job/deploy-production/2/': recordedLog(fixture(`${CDANCY}/build-consoleText.txt`)),
    '/job/backend-service/142/': recordedLog(fixture(`${CDANCY}/progressive-text.txt`)),
  };
  return { routes, logs };
}
