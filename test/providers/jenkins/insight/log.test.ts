import { DEFAULT_LOG_BUDGET_BYTES } from '../../../../src/providers/jenkins/insight';
import { InvalidResponse, NotFound } from '../../../../src/domain/errors';
import { fixture } from '../../support/recorded-server';
import { useIncidentJenkins } from './support/setup';
import { API_SERVER_FAILED_BUILD, FIFTY_MB } from './support/world';

const t = useIncidentJenkins();

/** Response headers and framing are not body bytes; this bounds them generously. */
const OVERHEAD = 1024;

describe('a 50 MB build log', () => {
  it('transfers at most the byte budget: a HEAD for the size, then only the tail', async () => {
    const excerpt = await t().insight.buildLog('api-server', 'lastFailed');

    const logRequests = t().jenkins.requests.filter((r) => r.path.endsWith('/logText/progressiveText'));
    expect(logRequests.map((r) => [r.method, r.query.get('start')])).toEqual([
      ['HEAD', '0'],
      ['GET', String(FIFTY_MB - DEFAULT_LOG_BUDGET_BYTES)],
    ]);
    const transferred = t().jenkins.bytesSent('/logText/');
    expect(transferred).toBeLessThanOrEqual(DEFAULT_LOG_BUDGET_BYTES + OVERHEAD);
    expect(excerpt).toMatchObject({
      jobId: 'api-server',
      buildNumber: API_SERVER_FAILED_BUILD,
      logBytes: FIFTY_MB,
      bytesRead: DEFAULT_LOG_BUDGET_BYTES,
      notReadBytes: FIFTY_MB - DEFAULT_LOG_BUDGET_BYTES,
      complete: false,
      stillRunning: false,
    });
    console.log(`50 MB log: ${transferred} body bytes transferred (budget ${DEFAULT_LOG_BUDGET_BYTES}), ${t().jenkins.requests.length} requests`);
  });

  it('shows the lines around the first error, then the tail, and says what was cut', async () => {
    const excerpt = await t().insight.buildLog('api-server', 'lastFailed');

    expect(excerpt.firstError).toBe('[ERROR] Tests run: 7, Failures: 1, Errors: 1, Skipped: 0 <<< FAILURE! - in com.example.api.PoolTest');
    expect(excerpt.sections.map((s) => s.kind)).toEqual(['error-context', 'tail']);
    const [context, tail] = excerpt.sections;
    expect(context?.lines).toContain('java.lang.IllegalStateException: connection pool exhausted after 30000 ms');
    expect(context?.skippedBefore.lines).toBeGreaterThan(100);
    expect(tail?.lines.slice(-2)).toEqual(['[INFO] ------------------------------------------------------------------------', 'Finished: FAILURE']);
    expect(tail?.lines).toHaveLength(100);
    expect(tail?.skippedBefore.lines).toBeGreaterThan(0);
    expect(excerpt.text).toMatch(/^\[… the first 52,363,264 bytes of the log were not read …\]\n\[… \d+ lines \([\d,]+ bytes\) left out …\]\n\[first error\]\n/);
    expect(excerpt.text).toContain('[end of the log]');
  });

  it('strips ANSI colour codes, and never shows the early error it did not read', async () => {
    const excerpt = await t().insight.buildLog('api-server', API_SERVER_FAILED_BUILD);

    expect(excerpt.text).not.toContain('\u001b');
    expect(excerpt.text).toContain('[INFO] BUILD FAILURE');
    expect(excerpt.text).not.toContain('mirror timed out');
  });

  it('a smaller budget is honoured the same way, reaching only the BUILD FAILURE line', async () => {
    const excerpt = await t().insight.buildLog('api-server', API_SERVER_FAILED_BUILD, { budgetBytes: 4 * 1024, tailLines: 20 });

    expect(t().jenkins.bytesSent('/logText/')).toBeLessThanOrEqual(4 * 1024 + OVERHEAD);
    expect(excerpt.sections.map((s) => s.kind)).toEqual(['tail']);
    expect(excerpt.firstError).toBe('[INFO] BUILD FAILURE');
    expect(excerpt.sections[0]?.lines).toHaveLength(20);
    expect(excerpt.text).not.toContain('IllegalStateException');
  });
});

describe('recorded logs', () => {
  it('a log within the budget is read whole in one window; its tail is shown', async () => {
    const recorded = fixture('jenkins/cdancy-jenkins-rest/build-consoleText.txt');
    const excerpt = await t().insight.buildLog('deploy-production', 2);

    expect(excerpt).toMatchObject({ logBytes: recorded.length, bytesRead: recorded.length, notReadBytes: 0, firstError: null, complete: false });
    expect(t().jenkins.requests.filter((r) => r.method === 'GET').map((r) => r.query.get('start'))).toEqual(['0']);
    expect(excerpt.sections[0]).toMatchObject({ kind: 'tail', skippedBefore: { lines: 350 } });
    expect(excerpt.sections[0]?.lines.at(-1)).toBe('Finished: SUCCESS');
  });

  it('a short log is complete', async () => {
    const excerpt = await t().insight.buildLog('backend-service', 142);

    expect(excerpt).toMatchObject({ complete: true, notReadBytes: 0, logBytes: 101 });
    expect(excerpt.text).toBe(fixture('jenkins/cdancy-jenkins-rest/progressive-text.txt').toString('utf8').replace(/\n$/, ''));
  });
});

describe('log failures', () => {
  it('no log: NotFound with the build hint', async () => {
    const error = await t().insight.buildLog('backend-service', 141).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect(error).toMatchObject({ hint: expect.stringMatching(/have no log/) });
  });

  it('no X-Text-Size: refuses to download the log blindly', async () => {
    t().jenkins.overrides.set('/job/backend-service/142/logText/progressiveText', { status: 200, body: '', headers: { 'content-type': 'text/plain' } });

    const error = await t().insight.buildLog('backend-service', 142).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error).toMatchObject({ message: expect.stringMatching(/did not report the size/) });
    expect(t().jenkins.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });
});

describe('a running build', () => {
  it('a log that grows between the size and the read is cut at the budget, and says the build still runs', async () => {
    const { jenkins } = t();
    let size = 1024 * 1024;
    jenkins.logs.set('/job/backend-service/143/', {
      // Each request sees the log 512 KiB longer than the one before.
      get size() {
        const now = size;
        size += 512 * 1024;
        return now;
      },
      running: true,
      read: (start: number, end: number) => Buffer.alloc(end - start, 'still building\n'),
    });

    const excerpt = await t().insight.buildLog('backend-service', 143);

    expect(excerpt).toMatchObject({ stillRunning: true, bytesRead: DEFAULT_LOG_BUDGET_BYTES, logBytes: 1024 * 1024 + 512 * 1024 });
  });
});
