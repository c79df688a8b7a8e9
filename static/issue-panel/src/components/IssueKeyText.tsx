import type { MouseEvent } from 'react';
import { router } from '@forge/bridge';
import { issueKeyCandidates } from '../../../../src/domain/issue-keys';

const TOKEN = /[\p{L}][\p{L}\p{N}_]*-\p{N}+/gu;

/**
 * Text with each issue key in it linked to the issue. Custom UI runs in a sandboxed frame, so the
 * click goes through the bridge's router to Jira's issue page; the href is Jira's /browse/KEY.
 */
export function IssueKeyText({ text }: { readonly text: string }) {
  const keys = new Set(issueKeyCandidates(text));
  const parts: (string | { key: string; raw: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const key = match[0].toUpperCase();
    if (!keys.has(key)) continue;
    parts.push(text.slice(last, match.index), { key, raw: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  const open = (key: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void router.navigate({ target: 'issue', issueKey: key });
  };
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a key={i} href={`/browse/${part.key}`} onClick={open(part.key)} data-testid="issue-key-link">
            {part.raw}
          </a>
        ),
      )}
    </>
  );
}
