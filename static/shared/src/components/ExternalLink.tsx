import type { MouseEvent, ReactNode } from 'react';
import { router } from '@forge/bridge';
import LinkExternalIcon from '@atlaskit/icon/core/link-external';
import { safeLink } from '../../../../src/shared/safe-link';

/**
 * A link out of Jira (a CI run), the only way a page renders a URL it was sent. The URL passes
 * the safe-link rule here, whatever the backend did: anything but http(s) is shown as text (or,
 * for an icon-only link, not at all). Custom UI lives in a sandboxed iframe, so the click goes
 * through the bridge's `router.open`; the href stays for the context menu and for screen readers.
 */
export function ExternalLink({
  href,
  children,
  label,
  bare = false,
}: {
  readonly href: string | null | undefined;
  readonly children: ReactNode;
  readonly label?: string;
  /** No trailing "opens elsewhere" icon: the children are the icon. */
  readonly bare?: boolean;
}) {
  const safe = safeLink(href);
  if (!safe) return bare ? null : <span>{children}</span>;
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void router.open(safe);
  };
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer" onClick={open} {...(label ? { 'aria-label': label } : {})}>
      {children}
      {bare ? null : (
        <>
          {' '}
          <LinkExternalIcon label="" size="small" color="currentColor" />
        </>
      )}
    </a>
  );
}
