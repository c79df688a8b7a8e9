/**
 * The origin Custom UI iframes are served from. Forge serves them from its CDN, a different origin
 * from the product page, so an app cannot reach into Jira's page or cookies; the emulator keeps that
 * by swapping the two loopback names: pages on localhost frame 127.0.0.1 and the other way round.
 * Any other host name (a LAN address, say) gets same-origin frames, the best it can do with one name.
 */
export function frameOrigin(hostHeader: string | undefined): string {
  const match = /^(localhost|127\.0\.0\.1)(:\d+)?$/.exec(hostHeader ?? '');
  if (!match) return '';
  const other = match[1] === 'localhost' ? '127.0.0.1' : 'localhost';
  return `http://${other}${match[2] ?? ''}`;
}

/**
 * Whether a request's Host header names this machine's loopback. A server bound to loopback only
 * answers those names, so a web page whose domain resolves to 127.0.0.1 (DNS rebinding) cannot
 * read the emulator's pages and act as the signed-in user.
 */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(hostHeader ?? '');
}

/** Who may embed a resource page: the host page on either loopback name, or the same origin. */
export function frameAncestors(hostHeader: string | undefined): string {
  const port = /:(\d+)$/.exec(hostHeader ?? '')?.[1];
  const loopback = port ? ` http://localhost:${port} http://127.0.0.1:${port}` : '';
  return `'self'${loopback}`;
}
