import type { ReactNode } from 'react';

/**
 * Forms read as one column of a width people scan, as Jira's own settings forms do, however wide
 * the page: inputs no longer stretch across a 1,400 px admin page.
 */
export const FORM_MAX_WIDTH = 640;

export function FormColumn({ children }: { readonly children: ReactNode }) {
  return <div style={{ maxWidth: FORM_MAX_WIDTH }}>{children}</div>;
}
