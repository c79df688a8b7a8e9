import type { MouseEvent, ReactNode } from 'react';
import { router } from '@forge/bridge';
import LinkExternalIcon from '@atlaskit/icon/core/link-external';

/**
 * A link out of Jira (a CI run). Custom UI lives in a sandboxed iframe, so the click goes through
 * the bridge's `router.open`; the href stays for the context menu and for screen readers.
 */
export function ExternalLink({
  href,
  children,
  label,
  bare = false,
}: {
  readonly href: string;
  readonly children: ReactNode;
  readonly label?: string;
  /** No trailing "opens elsewhere" icon: the children are the icon. */
  readonly bare?: boolean;
}) {
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void router.open(href);
  };
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" onClick={open} {...(label ? { 'aria-label': label } : {})}>
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
