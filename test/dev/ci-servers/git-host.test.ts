import http from 'node:http';
import { CiWorld, DEMO_CREDENTIALS, startCiStandIns, startGitHostStandIn, type CiStandIns, type GitHostStandIn } from '../../../dev/ci-servers';
import { commitPage } from '../../../dev/ci-servers/git-host/pages';
import type { Commit } from '../../../dev/ci-servers/shared/commits';
import { commitUrl } from '../../../src/issue-panel/commit-url';
import { jenkinsConnection, providerFor, testClock } from './support';

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

/**
 * What a browser sends for `http://github.localhost:PORT/...`: Node does not resolve *.localhost as
 * Chromium does, so the request goes to loopback with the name in the Host header.
 */
function browse(git: GitHostStandIn, path: string, hostName = 'github.localhost'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: git.port, path, headers: { host: `${hostName}:${git.port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
    });
    request.on('error', reject);
  });
}

function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

describe('the Git host stand-in', () => {
  let world: CiWorld;
  let git: GitHostStandIn;

  beforeEach(async () => {
    world = new CiWorld({ clock: testClock().now });
    git = await startGitHostStandIn({ world });
  });
  afterEach(() => git.close());

  it('given a commit of the world, when its GitHub-shaped commit URL is opened, then the page shows its SHA, message, author and time', async () => {
    const commit = world.commits.get(12);

    const page = await browse(git, `/demo-org/shop/commit/${commit.sha}`);

    expect(git.url).toBe(`http://github.localhost:${git.port}`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain(commit.sha);
    expect(page.body).toContain(escaped(commit.subject));
    if (commit.body) expect(page.body).toContain(escaped(commit.body));
    expect(page.body).toContain(escaped(commit.author.name));
    expect(page.body).toContain(new Date(commit.time).toISOString());
  });

  it('given an abbreviated SHA, when its commit URL is opened, then the same commit shows', async () => {
    const commit = world.commits.get(3);

    const page = await browse(git, `/demo-org/shop/commit/${commit.sha.slice(0, 10).toUpperCase()}`);

    expect(page.status).toBe(200);
    expect(page.body).toContain(commit.sha);
  });

  it.each([
    ['a SHA the world never made', `/demo-org/shop/commit/${'0'.repeat(40)}`],
    ['something that is no SHA', '/demo-org/shop/commit/main'],
    ['a repository it does not hold', '/someone-else/shop'],
    ['another page of a repository', '/demo-org/shop/pulls'],
  ])('given %s, when it is opened, then a plain 404 page answers', async (_case, path) => {
    const page = await browse(git, path);

    expect(page.status).toBe(404);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('404 Not Found');
  });

  it('given the repository, when its page is opened (with or without .git), then it lists the newest commits, each linked to its page', async () => {
    const newest = world.commits.get(world.commits.count - 1);

    const page = await browse(git, '/demo-org/shop');
    const clone = await browse(git, '/demo-org/shop.git');

    expect(page.status).toBe(200);
    expect(page.body).toContain('demo-org/shop');
    expect(page.body).toContain(`href="/demo-org/shop/commit/${newest.sha}"`);
    expect(clone.body).toBe(page.body);
  });

  it('given a request that names another host, when it arrives, then it is refused (a rebinding page must not read it)', async () => {
    const page = await browse(git, '/demo-org/shop', 'attacker.example');

    expect(page.status).toBe(421);
  });

  it('given a commit message with markup, when its page is made, then the markup is shown as text', () => {
    const commit: Commit = {
      ...world.commits.get(0),
      subject: 'Fix <script>alert("x")</script> & more',
      body: "Refs DEMO-1 <img src=x onerror='y'>",
      author: { name: '<b>Mallory</b>', login: 'm', email: 'm@example.com' },
    };

    const html = commitPage('demo-org/shop', commit);

    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('Fix &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('&lt;img src=x onerror=&#39;y&#39;&gt;');
    expect(html).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
  });
});

describe('the stand-ins with the Git host', () => {
  let ci: CiStandIns;
  afterEach(() => ci.close());

  it('given the demo set-up, when a Jenkins build is synced, then its repository is on the Git host and the panel\'s commit link opens the commit there', async () => {
    const clock = testClock();
    ci = await startCiStandIns({ world: { clock: clock.now }, gitHost: {} });
    const git = ci.git;
    if (!git) throw new Error('no Git host started');

    const page = await providerFor(jenkinsConnection(ci.jenkins.url), DEMO_CREDENTIALS.jenkins.apiToken, clock).listBuildsSince(undefined);
    const build = page.builds.find((b) => b.job.id === 'deploy-production' && b.sha);
    const link = commitUrl(build?.repositoryUrl, build?.sha ?? '');

    expect(build?.repositoryUrl).toBe(`${git.url}/demo-org/shop`);
    expect(link).toBe(`${git.url}/demo-org/shop/commit/${build?.sha ?? ''}`);
    const opened = await browse(git, new URL(link ?? '').pathname);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain(build?.sha ?? 'no sha');
  });

  it('given the demo set-up, then Buildkite and CircleCI name repositories the Git host serves', async () => {
    ci = await startCiStandIns({ world: { clock: testClock().now }, gitHost: {} });
    const git = ci.git;
    if (!git) throw new Error('no Git host started');

    expect(git.repositories).toEqual(expect.arrayContaining(['demo-org/shop', 'demo-org/storefront', 'demo-org/storefront-deploy']));
    expect(ci.buildkite.model.remotes.buildkite).toBe(`${git.url}/demo-org/shop.git`);
    expect(ci.circleci.model.remotes.circleci('demo-org', 'storefront')).toBe(`${git.url}/demo-org/storefront`);
    expect((await browse(git, '/demo-org/storefront')).status).toBe(200);
  });
});
