import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveWebtrigger } from '../../../dev/server/webtrigger';
import { BuildStore } from '../../../src/storage/build-store';
import { freestyleSnippet, jenkinsfileSnippet } from '../../../static/shared/src/connections/webhook-snippets';
import { pushPlatform, saveConnectionWithWebhook } from './support';

const run = promisify(execFile);
const platform = pushPlatform();
let server: Server | undefined;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void serveWebtrigger(req, res, platform, url, /^\/x1\/([^/]+)/.exec(url.pathname)?.[1] ?? '');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  platform.publicBaseUrl = base;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  platform.close();
});

describe('the Jenkins set-up snippets', () => {
  it('the freestyle snippet, run by bash with only curl and openssl, records the build', async () => {
    // Given a pushed-only Jenkins connection and the snippet of its settings page
    const hook = await saveConnectionWithWebhook({ kind: 'jenkins', id: 'jenkins-sh', name: 'Jenkins', baseUrl: '', username: '', customHeaders: {}, mode: 'pushed' }, '');
    const url = `${platform.stargate.urlFor('build-events-jenkins')}?hook=${hook.hookId}`;
    const script = freestyleSnippet(url);

    // When a build runs it with Jenkins' environment
    const cwd = mkdtempSync(path.join(tmpdir(), 'dt-jenkins-'));
    await run('bash', ['-euc', script], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', DT_SECRET: hook.secret, RESULT: 'FAILURE', JOB_NAME: 'team/app', BUILD_NUMBER: '31', BUILD_URL: 'https://jenkins.internal/job/team/job/app/31/', GIT_COMMIT: 'abc1234def5678', GIT_BRANCH: 'origin/main' },
    });

    // Then the build is stored as the poll would name it
    expect(await new BuildStore().get('jenkins-sh', 'team/app', 31)).toMatchObject({ state: 'failed', sha: 'abc1234def5678', branch: 'main' });
  });

  it('the Jenkinsfile snippet\'s sh step, run by bash with the environment its withEnv sets, records the build', async () => {
    // Given the snippet of a connection's settings page, and the shell its sh step runs
    const hook = await saveConnectionWithWebhook({ kind: 'jenkins', id: 'jenkins-pipe', name: 'Jenkins', baseUrl: '', username: '', customHeaders: {}, mode: 'pushed' }, '');
    const snippet = jenkinsfileSnippet(`${platform.stargate.urlFor('build-events-jenkins')}?hook=${hook.hookId}`);
    const shell = /sh '''\n([\s\S]*?)\n'''/.exec(snippet)?.[1] ?? '';

    // When a pipeline run reaches its post section
    await run('bash', ['-euc', shell], {
      env: { PATH: process.env['PATH'] ?? '', DT_SECRET: hook.secret, DT_RESULT: 'SUCCESS', DT_STARTED: String(Date.parse('2026-11-01T10:00:00Z')), DT_DURATION: '60000', JOB_NAME: 'shop/deploy', BUILD_NUMBER: '4', BUILD_URL: 'https://jenkins.internal/job/shop/job/deploy/4/' },
    });

    // Then the build is stored, finished, without a commit (none was checked out)
    expect(await new BuildStore().get('jenkins-pipe', 'shop/deploy', 4)).toMatchObject({ state: 'successful', finishedAt: '2026-11-01T10:01:00.000Z', sha: null });
  });
});
