import { between, pick, unit } from './random';

/**
 * Commit messages of the demo repository. Issue keys appear in the forms teams use (prefix,
 * suffix, brackets, a "Refs" trailer, lower case), `<project>-1` in every fourth commit, and a
 * few strings that only look like keys (UTF-8, SHA-256, ISO-8859-1, CVE-2024-1234) so the app's
 * key filter has something to refuse.
 */

export interface Author {
  readonly name: string;
  readonly login: string;
  readonly email: string;
}

export const AUTHORS: readonly Author[] = [
  { name: 'Alex Rivera', login: 'arivera', email: 'alex.rivera@example.com' },
  { name: 'Sam Okafor', login: 'sokafor', email: 'sam.okafor@example.com' },
  { name: 'Mia Chen', login: 'mchen', email: 'mia.chen@example.com' },
  { name: 'Jonas Berg', login: 'jberg', email: 'jonas.berg@example.com' },
  { name: 'Priya Lead', login: 'plead', email: 'priya@example.com' },
];

const VERBS = ['Fix', 'Add', 'Refactor', 'Speed up', 'Handle', 'Log', 'Guard', 'Simplify', 'Test', 'Document'];
const THINGS = [
  'checkout timeout with large baskets',
  'retry backoff in the payment client',
  'session storage in Redis',
  'delivery date on the order summary',
  'health check endpoint',
  'password reset link expiry',
  'language filter in search',
  'CSV export of orders',
  'rate limit per API key',
  'month-start report job',
  'feature flag for the new checkout',
  'image caching at the edge',
  'mobile menu navigation',
  'audit events for role changes',
  'currency rounding in invoices',
  'slow order history query',
];
const LOOKALIKES = [
  'Handle UTF-8 in the CSV export',
  'Pin the SHA-256 checksum of the base image',
  'Read ISO-8859-1 supplier feeds',
  'Patch CVE-2024-1234 in the image library',
];

export interface CommitText {
  readonly subject: string;
  readonly body: string;
}

export function commitText(seed: number, index: number, project: string, issues: number): CommitText {
  const key = (n: number) => `${project}-${n}`;
  const other = key(between(2, Math.max(3, issues + 1), seed, 'issue', index));
  const thing = `${pick(VERBS, seed, 'verb', index)} ${pick(THINGS, seed, 'thing', index)}`;
  const roll = unit(seed, 'form', index);
  if (index % 4 === 0) {
    // The demo's busiest issue: often enough that its deploys show up in the first minute.
    return roll < 0.5 ? { subject: `${key(1)}: ${thing}`, body: `Also touches ${other}.` } : { subject: `${thing} (${key(1)})`, body: '' };
  }
  if (roll < 0.08) return { subject: pick(LOOKALIKES, seed, 'lookalike', index), body: '' };
  if (roll < 0.12) return { subject: `Tidy up ${pick(THINGS, seed, 'tidy', index)}`, body: '' };
  if (roll < 0.35) return { subject: `${other}: ${thing}`, body: '' };
  if (roll < 0.55) return { subject: `${thing} (${other})`, body: '' };
  if (roll < 0.7) return { subject: `[${other}] ${thing}`, body: '' };
  if (roll < 0.8) return { subject: `${thing}`, body: `Refs ${other.toLowerCase()}` };
  return { subject: thing, body: `Refs ${other}, ${key(between(2, issues + 1, seed, 'second', index))}` };
}
