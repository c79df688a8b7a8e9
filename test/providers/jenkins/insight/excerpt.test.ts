import type { BuildBrief } from '../../../../src/domain/jenkins-insight';
import { trend, successRate } from '../../../../src/providers/jenkins/insight/job-details';
import { DEFAULT_EXCERPT, excerptOf, logLines, stripAnsi, type LogWindow } from '../../../../src/providers/jenkins/insight/log-excerpt';

const ids = { jobId: 'api-server', buildNumber: 7 };

function aWindow(text: string, overrides: Partial<LogWindow> = {}): LogWindow {
  const bytes = Buffer.byteLength(text);
  return { text, start: 0, logBytes: bytes, bytesRead: bytes, stillRunning: false, ...overrides };
}

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('cleaning a log', () => {
  it('strips colours, cursor moves, hyperlinks and Jenkins console notes', () => {
    const raw = '\u001b[1;31m[ERROR]\u001b[0m boom \u001b]8;;https://example.com\u0007link\u001b]8;;\u0007 \u001b[2K\u001b[8mha:AAAAlh+LCAAAAAAAAP9b\u001b[0mdone';
    expect(stripAnsi(raw)).toBe('[ERROR] boom link done');
  });

  it('keeps what a terminal shows of progress bars rewritten with carriage returns', () => {
    expect(logLines('Downloading 10%\rDownloading 100%\r\nnext\n')).toEqual(['Downloading 100%', 'next']);
  });
});

describe('excerpts', () => {
  it('a short log, whole', () => {
    const excerpt = excerptOf(aWindow('one\ntwo\n'), ids);
    expect(excerpt).toMatchObject({ complete: true, notReadBytes: 0, firstError: null, text: 'one\ntwo' });
    expect(excerpt.sections).toEqual([{ kind: 'whole', skippedBefore: { lines: 0, bytes: 0 }, lines: ['one', 'two'] }]);
  });

  it('a window that starts mid-line drops the partial line and counts it', () => {
    const excerpt = excerptOf(aWindow('tial line\nfull line\n', { start: 500, logBytes: 520 }), ids);
    expect(excerpt.sections).toEqual([{ kind: 'tail', skippedBefore: { lines: 1, bytes: 10 }, lines: ['full line'] }]);
    expect(excerpt.text).toBe('[… the first 500 bytes of the log were not read …]\n[… 1 line (10 bytes) left out …]\nfull line');
  });

  it('the first error before the tail gets its own section; sections that touch merge', () => {
    const log = [...lines(50), 'Exception in thread "main" java.lang.NullPointerException', ...lines(300, 'after')].join('\n');
    const apart = excerptOf(aWindow(log), ids);
    expect(apart.sections.map((s) => [s.kind, s.lines.length, s.skippedBefore.lines])).toEqual([
      ['error-context', DEFAULT_EXCERPT.contextBefore + 1 + DEFAULT_EXCERPT.contextAfter, 40],
      ['tail', 100, 300 - 100 - DEFAULT_EXCERPT.contextAfter],
    ]);

    const close = excerptOf(aWindow(log), ids, { ...DEFAULT_EXCERPT, tailLines: 280 });
    expect(close.sections.map((s) => s.kind)).toEqual(['tail']);
    expect(close.sections[0]?.lines[0]).toBe('line 41');
  });

  it('cuts very long lines and says by how much', () => {
    const excerpt = excerptOf(aWindow('x'.repeat(2500)), ids);
    expect(excerpt.sections[0]?.lines[0]).toBe(`${'x'.repeat(2000)} [… 500 more characters]`);
  });

  it.each(['[ERROR] x', 'FAILED: test', 'java.io.IOException: gone', '[INFO] BUILD FAILURE', 'main.c:3: error: expected', 'FATAL: no agent', 'npm ERR! code 1'])(
    'finds the error marker in "%s"',
    (line) => {
      expect(excerptOf(aWindow(`ok\n${line}\n`), ids).firstError).toBe(line);
    },
  );

  it.each(['0 errors, 0 warnings', 'Tests run: 5, Failures: 0', 'exception handling enabled'])('no error in "%s"', (line) => {
    expect(excerptOf(aWindow(line), ids).firstError).toBeNull();
  });
});

describe('trend and success rate', () => {
  const build = (number: number, state: BuildBrief['state']): BuildBrief => ({ number, state, rawState: null, startedAt: null, durationMs: 1000, url: null });
  const history = (states: BuildBrief['state'][]) => states.map((s, i) => build(states.length - i, s));

  it('improving when the newer half passes more often', () => {
    expect(trend(history(['successful', 'successful', 'successful', 'failed', 'failed', 'failed']))).toBe('improving');
  });

  it('ignores running, cancelled and unknown builds', () => {
    const h = history(['in_progress', 'cancelled', 'successful', 'unknown', 'failed']);
    expect(successRate(h)).toBe(0.5);
    expect(trend(h)).toBeNull();
  });

  it('stable for small changes', () => {
    expect(trend(history(['successful', 'failed', 'successful', 'successful', 'failed', 'successful']))).toBe('stable');
  });
});
