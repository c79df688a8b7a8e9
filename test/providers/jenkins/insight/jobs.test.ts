import { JenkinsInsight } from '../../../../src/providers/jenkins/insight';
import { InvalidJobReference } from '../../../../src/domain/jenkins-insight';
import { SECRET, jenkinsAt, testDeps } from '../../support/deps';
import { fixture } from '../../support/recorded-server';
import { JenkinsStandIn, json } from './support/stand-in';
import { JENKINS_USER, useIncidentJenkins } from './support/setup';
import { TOKEN } from '../../support/deps';

const t = useIncidentJenkins();

describe('listing jobs', () => {
  it('walks folders three levels deep, multibranch projects and organization folders, containers first', async () => {
    const listing = await t().insight.listJobs();

    expect(listing).toMatchObject({ folder: null, truncated: false });
    expect(listing.jobs.map((j) => `${j.job.id} (${j.kind})`)).toEqual([
      'deploy-production (freestyle)',
      'api-server (pipeline)',
      'backend-service (freestyle)',
      'release-pipeline (pipeline)',
      'legacy-pipeline (pipeline)',
      'Test-jenkins-dir (folder)',
      'Test-jenkins-dir/test-jenkins-sub-dir (folder)',
      'Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir (folder)',
      'Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake (freestyle)',
      'shop (multibranch)',
      'shop/main (pipeline)',
      'shop/feature%2Flogin (pipeline)',
      'acme-org (organization-folder)',
      'acme-org/payments (multibranch)',
      'acme-org/payments/main (pipeline)',
    ]);
  });

  it('gives each job its status colour and last build', async () => {
    const jobs = (await t().insight.listJobs()).jobs;
    const byId = (id: string) => jobs.find((j) => j.job.id === id);

    expect(byId('Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake')).toMatchObject({
      job: { displayName: 'devlake', folderPath: ['Test-jenkins-dir', 'test-jenkins-sub-dir', 'test-sub-sub-dir'] },
      colour: { raw: 'blue', status: 'success', building: false },
      lastBuild: { number: 31, state: 'successful', rawState: 'SUCCESS', durationMs: 1587 },
    });
    expect(byId('shop/feature%2Flogin')).toMatchObject({ job: { displayName: 'feature/login' }, colour: { raw: 'red_anime', status: 'failed', building: true } });
    expect(byId('acme-org/payments/main')).toMatchObject({ colour: { status: 'unstable' }, lastBuild: { rawState: 'UNSTABLE', state: 'failed' } });
    expect(byId('shop')).toMatchObject({ isContainer: true, colour: null, lastBuild: null });
  });

  it('costs one request for the root and one per folder whose answer did not list its items', async () => {
    await t().insight.listJobs();

    expect(t().jenkins.requests.map((r) => r.path)).toEqual([
      '/api/json',
      '/job/Test-jenkins-dir/api/json',
      '/job/Test-jenkins-dir/job/test-jenkins-sub-dir/api/json',
      '/job/Test-jenkins-dir/job/test-jenkins-sub-dir/job/test-sub-sub-dir/api/json',
      '/job/shop/api/json',
    ]);
    expect(t().jenkins.requests[0]?.query.get('tree')).toMatch(/^jobs\[_class,name,color,lastBuild\[number,result,building,timestamp,duration,url\],jobs\[/);
  });

  it('lists within a folder, and says so when the path names a job', async () => {
    const listing = await t().insight.listJobs('Test-jenkins-dir/test-jenkins-sub-dir');
    expect(listing.folder).toBe('Test-jenkins-dir/test-jenkins-sub-dir');
    expect(listing.jobs.map((j) => j.job.id)).toEqual([
      'Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir',
      'Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake',
    ]);

    await expect(t().insight.listJobs('Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake')).rejects.toBeInstanceOf(InvalidJobReference);
  });

  it('reads the recorded root and folder answers of a Jenkins without nested trees', async () => {
    const CDANCY = 'jenkins/cdancy-jenkins-rest';
    const recorded = await JenkinsStandIn.start({
      user: JENKINS_USER,
      token: TOKEN,
      routes: {
        '/api/json': json(fixture(`${CDANCY}/jobsInRootFolder.json`)),
        '/job/Test%20Folder/api/json': json(fixture(`${CDANCY}/jobsInJenkinsFolder.json`)),
        '/job/Test%20MultiBranch%20Project/api/json': json(fixture(`${CDANCY}/unmerged-pr-311/jobsInJenkinsFolderByFullName.json`)),
      },
    });
    try {
      const listing = await new JenkinsInsight(jenkinsAt(recorded.url), SECRET, testDeps()).listJobs();
      expect(listing.jobs.map((j) => [j.job.id, j.kind, j.colour?.status ?? null])).toEqual([
        ['Test Tool', 'maven', null],
        ['Test MultiBranch Project', 'multibranch', null],
        ['Test MultiBranch Project/Test Project', 'freestyle', null],
        ['Test Folder', 'folder', null],
        ['Test Folder/Test Project', 'freestyle', null],
        ['Test Docker Slave', 'other', null],
        ['Test Free Style', 'freestyle', 'failed'],
        ['Test Workflow Job', 'pipeline', null],
      ]);
    } finally {
      await recorded.close();
    }
  });

  it('stops at its limits and says the listing is truncated', async () => {
    const { jenkins } = t();
    const small = new JenkinsInsight(jenkinsAt(jenkins.url), SECRET, testDeps(), { maxItems: 100, maxFolderRequests: 1 });

    const listing = await small.listJobs();

    expect(listing.truncated).toBe(true);
    expect(listing.jobs.map((j) => j.job.id)).toContain('Test-jenkins-dir/test-jenkins-sub-dir');
    expect(listing.jobs.map((j) => j.job.id)).not.toContain('Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir');
  });
});

describe('job details', () => {
  it('health, last builds, 25 builds of history, success rate, trend and average duration', async () => {
    const details = await t().insight.jobDetails('deploy-production');

    expect(details.summary).toMatchObject({ kind: 'freestyle', colour: { status: 'failed' } });
    expect(details.description).toBe('Ships to production');
    expect(details.health).toEqual({ score: 20, reports: [{ score: 20, description: 'Build stability: 4 out of the last 5 builds failed.' }] });
    // The stand-in ignores `{0,25}` and sends all 30: the history still stops at 25.
    expect(details.history.map((b) => b.number)).toEqual(Array.from({ length: 25 }, (_, i) => 30 - i));
    expect(details.history[0]).toMatchObject({ number: 30, state: 'failed', rawState: 'FAILURE', durationMs: 90_000 });
    expect(details.successRate).toBeCloseTo(14 / 25);
    expect(details.trend).toBe('degrading');
    expect(details.averageDurationMs).toBe(78_000);
    expect(details.children).toEqual([]);
    expect(t().jenkins.requests[0]?.query.get('tree')).toContain('builds[number,result,building,timestamp,duration,url]{0,25}');
  });

  it('reads a recorded job: health report, permalinks, builds without results', async () => {
    const details = await t().insight.jobDetails('fish');

    expect(details.summary.colour).toEqual({ raw: 'blue_anime', status: 'success', building: true });
    expect(details.health.score).toBe(100);
    expect(details.lastBuild).toMatchObject({ number: 7 });
    expect(details.lastSuccessfulBuild).toMatchObject({ number: 6 });
    expect(details.lastFailedBuild).toBeNull();
    expect(details.history.map((b) => b.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(details.successRate).toBeNull();
    expect(details.trend).toBeNull();
  });

  it('a job three folders deep, by full name', async () => {
    const details = await t().insight.jobDetails('Test-jenkins-dir/test-jenkins-sub-dir/test-sub-sub-dir/devlake');

    expect(details.history.map((b) => b.number)).toEqual([47, 37, 31, 27, 21, 17, 11]);
    expect(details.successRate).toBe(1);
    expect(details.trend).toBe('stable');
  });

  it('a multibranch project: its branches as children', async () => {
    const details = await t().insight.jobDetails('shop');

    expect(details.summary).toMatchObject({ kind: 'multibranch', isContainer: true });
    expect(details.children.map((c) => c.job.id)).toEqual(['shop/main', 'shop/feature%2Flogin']);
    expect(details.history).toEqual([]);
  });
});
