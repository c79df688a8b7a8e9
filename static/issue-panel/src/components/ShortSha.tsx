import { useEffect, useState } from 'react';
import { IconButton } from '@atlaskit/button/new';
import CheckMarkIcon from '@atlaskit/icon/core/check-mark';
import CopyIcon from '@atlaskit/icon/core/copy';
import { Inline } from '@atlaskit/primitives/compiled';
import { ExternalLink } from '../../../shared/src/components/ExternalLink';
import { shortSha } from '../format';
import { mono } from '../styles';

/**
 * Copies through a selected hidden textarea: the async Clipboard API needs a
 * `clipboard-write` permission that a product's Custom UI iframe may not grant.
 */
function copyText(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyText(text);
  }
}

/**
 * A commit's short SHA, linked to its page on the Git host when the repository's address is known,
 * with a button that copies the full one.
 */
export function ShortSha({ sha, url = null }: { readonly sha: string; readonly url?: string | null }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (copied === null) return undefined;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const short = shortSha(sha);
  return (
    <Inline space="space.025" alignBlock="center">
      {url ? (
        <span data-testid="commit-link">
          <ExternalLink href={url} label={`Open commit ${sha} on its Git host`}>
            <code style={mono}>{short}</code>
          </ExternalLink>
        </span>
      ) : (
        <code style={mono} title={`${sha} (no link: no GitHub, GitLab or Bitbucket repository was recorded for it)`} data-testid="commit-sha">
          {short}
        </code>
      )}
      <IconButton
        icon={copied === 'yes' ? CheckMarkIcon : CopyIcon}
        label={`Copy commit ${short}`}
        appearance="subtle"
        spacing="compact"
        testId="copy-sha"
        onClick={() => void copy(sha).then((ok) => setCopied(ok ? 'yes' : 'no'))}
      />
      <span role="status" aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {copied === 'yes' ? `Copied ${sha}` : copied === 'no' ? 'Could not copy: select the SHA and copy it yourself' : ''}
      </span>
    </Inline>
  );
}
