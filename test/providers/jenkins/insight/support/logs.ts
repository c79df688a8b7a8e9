import type { LogSource } from './stand-in';

/** A log that is a recording (test/fixtures), served as is. */
export function recordedLog(bytes: Buffer): LogSource {
  return { size: bytes.length, read: (start, end) => bytes.subarray(start, end) };
}

const LINE_BYTES = 96;
const ESC = '\u001b';

/** Filler output, one fixed-width line per index so any byte range can be produced on demand. */
function fillerLine(index: number): string {
  const text =
    index === 1000
      ? `${ESC}[31mERROR: mirror timed out, retrying (an early error that lies outside the tail)${ESC}[0m`
      : `${ESC}[32m[INFO]${ESC}[0m Compiling module ${String(index).padStart(7, '0')} of the monolith`;
  if (text.length >= LINE_BYTES) throw new Error('a filler line must fit its fixed width');
  return `${text.padEnd(LINE_BYTES - 1, '.')}\n`;
}

/** How a Maven build of `api-server` ends when a test fails: the first error, more output, then BUILD FAILURE. */
export function failingMavenEnding(): string {
  const lines: string[] = [];
  for (let i = 1; i <= 120; i += 1) lines.push(`[INFO] Running com.example.api.Suite${i}Test`, `[INFO] Tests run: 12, Failures: 0, Skipped: 0`);
  lines.push(
    `${ESC}[1;31m[ERROR]${ESC}[0m Tests run: 7, Failures: 1, Errors: 1, Skipped: 0 <<< FAILURE! - in com.example.api.PoolTest`,
    'java.lang.IllegalStateException: connection pool exhausted after 30000 ms',
    '\tat com.example.api.Pool.take(Pool.java:42)',
    '\tat com.example.api.PoolTest.borrowsUnderLoad(PoolTest.java:88)',
  );
  for (let i = 1; i <= 150; i += 1) lines.push(`[INFO] Running com.example.api.Late${i}Test`);
  lines.push(
    '[INFO] ------------------------------------------------------------------------',
    `${ESC}[1;31m[INFO] BUILD FAILURE${ESC}[0m`,
    '[INFO] ------------------------------------------------------------------------',
    'Finished: FAILURE',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * A log of `size` bytes, generated lazily: fixed-width filler lines (with ANSI colours, and one
 * early ERROR line far from the end), then `ending`. Nothing is held in memory but the ending.
 */
export function generatedLog(size: number, ending: string): LogSource {
  const tail = Buffer.from(ending, 'utf8');
  const fillerBytes = size - tail.length;
  if (fillerBytes < 0) throw new Error('the ending is longer than the log');
  const filler = (start: number, end: number): Buffer => {
    const first = Math.floor(start / LINE_BYTES);
    const last = Math.floor((end - 1) / LINE_BYTES);
    let text = '';
    for (let i = first; i <= last; i += 1) text += fillerLine(i);
    const from = start - first * LINE_BYTES;
    return Buffer.from(text, 'utf8').subarray(from, from + (end - start));
  };
  return {
    size,
    read(start, end) {
      const parts: Buffer[] = [];
      if (start < fillerBytes) parts.push(filler(start, Math.min(end, fillerBytes)));
      if (end > fillerBytes) parts.push(tail.subarray(Math.max(0, start - fillerBytes), end - fillerBytes));
      return Buffer.concat(parts);
    },
  };
}
