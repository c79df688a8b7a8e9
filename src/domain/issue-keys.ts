/**
 * Issue keys in commit messages and branch names.
 *
 * Jira validates keys as `^\p{L}[\p{L}\p{Digit}_]{1,255}-\p{Digit}{1,255}$`. Text is full of
 * strings of that shape that are not issues (UTF-8, SHA-256, ISO-8859-1, CVE-2024-1234), so a
 * candidate is kept only when its project key exists on the site: that rule, not a denylist,
 * removes the false positives.
 */

export const MAX_KEYS_PER_DEPLOY = 500;

// Jira's `\p{Digit}` is Java's, which is ASCII 0-9 only: a key never holds `٣` or `３`.
// A run of letters, digits and underscores followed by "-digits": the widest candidate at a position.
const CANDIDATE = /[\p{L}\p{N}_]+-[0-9]+/gu;
// Any letter or digit, ASCII or not, glued to a candidate makes it part of a longer word: `DEMO-1٣` is no key.
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const PROJECT_KEY = /^\p{L}[\p{L}0-9_]{1,255}$/u;
const ISSUE_NUMBER = /^[1-9][0-9]{0,254}$/;

/**
 * Every well-formed issue key in `text`, upper-cased, in order of first appearance, without
 * checking that its project exists. A key must be bounded by non-alphanumerics on both sides;
 * an underscore is not alphanumeric, so `build_ABC-12` yields both `BUILD_ABC-12` and `ABC-12`.
 */
export function issueKeyCandidates(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > 0 && ALPHANUMERIC.test(charBefore(text, start))) continue;
    if (end < text.length && ALPHANUMERIC.test(charAt(text, end))) continue;
    const dash = match[0].lastIndexOf('-');
    const number = match[0].slice(dash + 1);
    if (!ISSUE_NUMBER.test(number)) continue;
    for (const projectPart of projectKeySuffixes(match[0].slice(0, dash))) {
      const upper = upperCaseLetterForLetter(projectPart);
      if (upper) found.push(`${upper}-${number}`);
    }
  }
  return unique(found);
}

/**
 * `text` upper-cased only where each letter is the lower-case form of the letter it becomes.
 * `toUpperCase` also folds other letters into ASCII (`ſ` into `S`, dotless `ı` into `I`) and
 * expands some (`ß` into `SS`): `opſ-1` would link OPS-1. Those give undefined.
 */
function upperCaseLetterForLetter(text: string): string | undefined {
  let upper = '';
  for (const letter of text) {
    const up = letter.toUpperCase();
    if ([...up].length !== 1 || up.toLowerCase() !== letter.toLowerCase()) return undefined;
    upper += up;
  }
  return upper;
}

/** The project part itself, and each part that starts after one of its underscores. */
function projectKeySuffixes(projectPart: string): string[] {
  const suffixes: string[] = [];
  let rest = projectPart;
  for (;;) {
    if (PROJECT_KEY.test(rest)) suffixes.push(rest);
    const underscore = rest.indexOf('_');
    if (underscore < 0) return suffixes;
    rest = rest.slice(underscore + 1);
  }
}

export interface IssueKeyOptions {
  /** Project keys that exist on the site (any case). */
  readonly siteProjectKeys: Iterable<string>;
  /** The deploy's own project: its keys come first. */
  readonly ownProjectKey?: string | undefined;
  /** When set, only keys of these projects are kept ("only this project's keys"). */
  readonly onlyProjects?: Iterable<string> | undefined;
  readonly limit?: number;
}

/** The issue keys a deploy links to, from its texts: existing projects only, own project first, capped. */
export function linkableIssueKeys(texts: Iterable<string>, options: IssueKeyOptions): string[] {
  const known = new Set([...options.siteProjectKeys].map((k) => k.toUpperCase()));
  const allowed = options.onlyProjects ? new Set([...options.onlyProjects].map((k) => k.toUpperCase())) : undefined;
  const own = options.ownProjectKey?.toUpperCase();
  const keys: string[] = [];
  for (const text of texts) {
    for (const key of issueKeyCandidates(text)) {
      const project = projectOf(key);
      if (known.has(project) && (!allowed || allowed.has(project))) keys.push(key);
    }
  }
  const ordered = unique(keys);
  const ownFirst = own ? [...ordered.filter((k) => projectOf(k) === own), ...ordered.filter((k) => projectOf(k) !== own)] : ordered;
  return ownFirst.slice(0, options.limit ?? MAX_KEYS_PER_DEPLOY);
}

export function projectOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function charBefore(text: string, index: number): string {
  const code = text.charCodeAt(index - 1);
  // Step back over a surrogate pair so letters outside the BMP count as letters.
  return code >= 0xdc00 && code <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text.charAt(index - 1);
}

function charAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}
