import { safeLink } from '../shared/safe-link';

// Stated once in the domain, where the sync also reads it when it records a deploy.
export { repositoryOf } from '../domain/deploy';

/** A full or abbreviated Git object name: anything else never goes into a link's path. */
const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * Where each Git host shows one commit, below the repository's web address. Only hosts the address
 * names are known: GitHub (also GitHub Enterprise on a github.* host), GitLab and Bitbucket (Cloud
 * and Data Center). Other hosts get no link rather than a guessed one that may 404.
 */
function commitPath(hostname: string): string | null {
  const host = hostname.toLowerCase();
  const named = (name: string) => host === `${name}.com` || host === `${name}.org` || host.startsWith(`${name}.`) || host.includes(`.${name}.`);
  if (named('github')) return 'commit';
  if (named('gitlab')) return '-/commit';
  if (named('bitbucket')) return 'commits';
  return null;
}

/** The commit's page on its Git host, through the one safe-link rule; null when the host or SHA is not recognised. */
export function commitUrl(repositoryUrl: string | null | undefined, sha: string): string | null {
  const repository = safeLink(repositoryUrl);
  if (!repository || !SHA.test(sha)) return null;
  const url = new URL(repository);
  const path = commitPath(url.hostname);
  const base = url.pathname.replace(/\/+$/, '');
  if (!path || base.split('/').filter(Boolean).length < 2) return null;
  return safeLink(`${url.origin}${base}/${path}/${sha.toLowerCase()}`);
}
