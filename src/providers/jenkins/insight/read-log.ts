import { InvalidResponse } from '../../../domain/errors';
import type { LogExcerpt } from '../../../domain/jenkins-insight';
import type { JenkinsClient } from '../client';
import { excerptOf, type ExcerptOptions } from './log-excerpt';

/** Bytes of a log one request may download by default: the tail, where failures are reported. */
export const DEFAULT_LOG_BUDGET_BYTES = 64 * 1024;

/**
 * A build's log without downloading it whole, in two requests:
 *   1. HEAD `logText/progressiveText?start=0`: Jenkins reports the size (X-Text-Size), no body.
 *   2. GET `progressiveText?start=size-budget`: the last `budget` bytes, which is all Jenkins sends
 *      from that offset. The API has no end offset, so the tail is the only window that can be read
 *      without everything after it; the first error marker is searched for within that window.
 * A log that grows in between (a running build) is cut at `budget` bytes by the transport.
 * Without a size there is no safe offset, so the log is not read rather than downloaded blindly.
 */
export async function readLog(
  client: JenkinsClient,
  path: readonly string[],
  ids: { jobId: string; buildNumber: number },
  budgetBytes: number,
  excerpt: ExcerptOptions,
): Promise<LogExcerpt> {
  const probe = await client.logSize(path, ids.buildNumber);
  const size = probe.data.textSize;
  if (size === null) {
    throw new InvalidResponse(`Jenkins did not report the size of the log of ${ids.jobId} #${ids.buildNumber} (no X-Text-Size header).`, {
      hint:
        'Without the size the app cannot read only the end of the log, and it does not download whole logs. A proxy in ' +
        'front of Jenkins may drop that header or refuse HEAD requests; open the log in Jenkins instead.',
    });
  }
  const start = Math.max(0, size - budgetBytes);
  const chunk = await client.logFrom(path, ids.buildNumber, start, budgetBytes);
  return excerptOf(
    {
      text: chunk.data.text,
      start,
      logBytes: Math.max(size, chunk.data.textSize ?? 0),
      bytesRead: chunk.data.bytes,
      stillRunning: chunk.data.moreData || chunk.data.cut,
    },
    ids,
    excerpt,
  );
}
