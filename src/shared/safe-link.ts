/**
 * The one rule for every URL a page renders as a link, imported by the backend (rows it sends)
 * and by every page (what it renders), so no link skips it. URLs come from CI servers and from
 * deploy registrations anyone holding a project's secret can send: only http(s) may reach an
 * href (a `javascript:` or `data:` URL would run in the page), and credentials someone put in a
 * URL are dropped so they are neither shown nor sent. Anything else is not a link: null.
 */
export function safeLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
