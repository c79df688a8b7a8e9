import { z } from 'zod';
import type { Commit } from '../domain/build';

/**
 * A deploy's commits as stored: up to 200 of them are most of a deploy's bytes, and KVS writes are
 * billed by the byte (about 20x reads). Rows instead of objects (no key names on every commit),
 * each author once, and a timestamp as milliseconds where that gives back the same string: about
 * a quarter fewer bytes than the objects, with nothing lost (messages are kept whole, as cut).
 */
export const storedCommitsSchema = z.object({
  authors: z.array(z.string()),
  /** [sha, message, index into authors or -1 for none, epoch milliseconds, an ISO string kept as sent, or -1 for none] */
  rows: z.array(z.tuple([z.string(), z.string(), z.number().int(), z.union([z.number(), z.string()])])),
});
export type StoredCommits = z.infer<typeof storedCommitsSchema>;

const NONE = -1;

function storedTime(timestamp: string | null): number | string {
  if (timestamp === null) return NONE;
  const millis = Date.parse(timestamp);
  return Number.isFinite(millis) && new Date(millis).toISOString() === timestamp ? millis : timestamp;
}

export function encodeCommits(commits: readonly Commit[]): StoredCommits {
  const authors: string[] = [];
  const index = new Map<string, number>();
  const rows = commits.map((commit): StoredCommits['rows'][number] => {
    let author = NONE;
    if (commit.author !== null) {
      author = index.get(commit.author) ?? authors.push(commit.author) - 1;
      index.set(commit.author, author);
    }
    return [commit.sha, commit.message, author, storedTime(commit.timestamp)];
  });
  return { authors, rows };
}

/** The commits back, or undefined when a row names an author the list does not have (a damaged record). */
export function decodeCommits(stored: StoredCommits): Commit[] | undefined {
  const commits: Commit[] = [];
  for (const [sha, message, author, time] of stored.rows) {
    const name = author === NONE ? null : stored.authors[author];
    if (name === undefined) return undefined;
    const timestamp = typeof time === 'string' ? time : time === NONE ? null : new Date(time).toISOString();
    commits.push({ sha, message, author: name, timestamp });
  }
  return commits;
}
