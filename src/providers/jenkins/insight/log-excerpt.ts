import type { LogExcerpt, LogSection } from '../../../domain/jenkins-insight';

export interface ExcerptOptions {
  /** Lines shown from the end of the log. */
  readonly tailLines: number;
  /** Lines shown before and after the first error marker, when it lies before the tail. */
  readonly contextBefore: number;
  readonly contextAfter: number;
  /** Longer lines (minified output, base64) are cut to this many characters. */
  readonly maxLineChars: number;
}

export const DEFAULT_EXCERPT: ExcerptOptions = { tailLines: 100, contextBefore: 10, contextAfter: 30, maxLineChars: 2000 };

/** The part of the log that was downloaded: from byte `start` of a log of `logBytes` bytes. */
export interface LogWindow {
  readonly text: string;
  readonly start: number;
  readonly logBytes: number;
  readonly bytesRead: number;
  readonly stillRunning: boolean;
}

/** Lines that usually start a failure: Maven and Gradle, stack traces, compilers, shells, npm. */
export const ERROR_MARKER = /\bERROR\b|\bFAILED\b|Exception\b|BUILD FAILURE|\berror:|\bFATAL\b|npm ERR!/;

// Jenkins console notes (`ESC[8mha:<base64>ESC[0m`) hide serialized annotations; plain-text logs
// normally come without them, but a proxy or an old plugin may leave them in.
// eslint-disable-next-line no-control-regex -- escape characters are exactly what this removes
const CONSOLE_NOTE = /\u001b\[8mha:[A-Za-z0-9+/=]*\u001b\[0m/g;
// CSI sequences (colours, cursor moves), OSC sequences (titles, links), and lone two-byte escapes.
// eslint-disable-next-line no-control-regex -- as above
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(CONSOLE_NOTE, '').replace(ANSI, '');
}

/** Text split into lines as a terminal shows them: CRLF ends a line, a lone CR starts it over (progress bars). */
export function logLines(text: string): string[] {
  const lines = stripAnsi(text).replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.slice(line.lastIndexOf('\r') + 1));
}

const bytesOf = (lines: readonly string[]) => lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);

/**
 * The lines worth showing from a window at the end of the log: the last `tailLines`, and, when the
 * first error marker in the window lies before them, the lines around it. A window that starts
 * inside the log begins mid-line, so its first (partial) line is dropped. Everything left out is
 * counted, in lines and bytes, and the text says so where it happened.
 */
export function excerptOf(window: LogWindow, ids: { jobId: string; buildNumber: number }, options = DEFAULT_EXCERPT): LogExcerpt {
  let lines = logLines(window.text);
  let partial = 0;
  if (window.start > 0 && lines.length > 1) {
    partial = bytesOf(lines.slice(0, 1));
    lines = lines.slice(1);
  }
  const firstError = lines.findIndex((line) => ERROR_MARKER.test(line));
  let tailStart = Math.max(0, lines.length - options.tailLines);
  const ranges: { kind: LogSection['kind']; from: number; to: number }[] = [];
  if (firstError >= 0 && firstError < tailStart) {
    const from = Math.max(0, firstError - options.contextBefore);
    const to = Math.min(lines.length, firstError + options.contextAfter + 1);
    if (to >= tailStart) tailStart = from;
    else ranges.push({ kind: 'error-context', from, to });
  }
  const whole = window.start === 0 && tailStart === 0 && ranges.length === 0;
  ranges.push({ kind: whole ? 'whole' : 'tail', from: tailStart, to: lines.length });

  let shownTo = 0;
  const sections: LogSection[] = ranges.map((range, index) => {
    const skipped = lines.slice(shownTo, range.from);
    shownTo = range.to;
    const extra = index === 0 ? partial : 0;
    return {
      kind: range.kind,
      skippedBefore: { lines: skipped.length + (extra ? 1 : 0), bytes: bytesOf(skipped) + extra },
      lines: lines.slice(range.from, range.to).map((line) => cutLine(line, options.maxLineChars)),
    };
  });
  const notReadBytes = window.start;
  return {
    jobId: ids.jobId,
    buildNumber: ids.buildNumber,
    logBytes: window.logBytes,
    bytesRead: window.bytesRead,
    notReadBytes,
    complete: whole,
    stillRunning: window.stillRunning,
    firstError: firstError >= 0 ? cutLine(lines[firstError] ?? '', options.maxLineChars) : null,
    sections,
    text: render(sections, notReadBytes),
  };
}

function cutLine(line: string, max: number): string {
  return line.length > max ? `${line.slice(0, max)} [… ${line.length - max} more characters]` : line;
}

const count = (n: number) => n.toLocaleString('en-US');

function render(sections: readonly LogSection[], notReadBytes: number): string {
  const parts: string[] = [];
  if (notReadBytes > 0) parts.push(`[… the first ${count(notReadBytes)} bytes of the log were not read …]`);
  for (const section of sections) {
    const { lines, bytes } = section.skippedBefore;
    if (lines > 0) parts.push(`[… ${count(lines)} line${lines === 1 ? '' : 's'} (${count(bytes)} bytes) left out …]`);
    if (section.kind === 'error-context') parts.push('[first error]');
    if (section.kind === 'tail' && sections.length > 1) parts.push('[end of the log]');
    parts.push(...section.lines);
  }
  return parts.join('\n');
}
