/**
 * A repository's web address from the remote a CI server cloned (`https://github.com/org/repo.git`,
 * `git@github.com:org/repo.git`, `ssh://git@host:7999/org/repo.git`): what Jira's build references
 * and commit associations name a repository by. Credentials in a remote are never kept; anything
 * that is not http(s), ssh or scp-like (a local path, `file://`) gives null rather than a guess.
 */
export function repositoryWebUrl(remote: string | null | undefined): string | null {
  const text = remote?.trim();
  if (!text) return null;
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(text);
  if (scp?.[1] && scp[2]) return webUrl('https:', scp[1], `/${scp[2]}`);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return null;
  }
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
      return webUrl(parsed.protocol, parsed.host, parsed.pathname);
    case 'ssh:':
    case 'git+ssh:':
    case 'git:':
      // The ssh port is not the web server's.
      return webUrl('https:', parsed.hostname, parsed.pathname);
    default:
      return null;
  }
}

function webUrl(protocol: string, host: string, path: string): string | null {
  const clean = path.replace(/\/+$/, '').replace(/\.git$/i, '');
  if (!host || clean === '' || clean === '/') return null;
  return `${protocol}//${host.toLowerCase()}${clean.startsWith('/') ? clean : `/${clean}`}`;
}
