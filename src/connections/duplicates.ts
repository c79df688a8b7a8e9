import { DEFAULT_API_BASE_URL, type Connection } from '../domain/connection';

/**
 * What makes two connections the same server read as the same account: the origin the requests go
 * to plus the Jenkins user, the Buildkite organisation or the CircleCI project slugs. Two such
 * connections sync the same builds twice and show every deploy twice.
 */
export function identityOf(connection: Connection): string | null {
  const origin = (url: string): string => {
    try {
      return new URL(url).origin.toLowerCase();
    } catch {
      return url.toLowerCase();
    }
  };
  switch (connection.kind) {
    case 'jenkins':
      // A pushed-only Jenkins without a URL is never called: nothing to compare.
      if (connection.baseUrl === '') return null;
      return `jenkins ${origin(connection.baseUrl)}${new URL(connection.baseUrl).pathname.replace(/\/+$/, '')} ${connection.username.toLowerCase()}`;
    case 'buildkite':
      return `buildkite ${origin(connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.buildkite)} ${connection.organization.toLowerCase()}`;
    case 'circleci':
      return `circleci ${origin(connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.circleci)}`;
  }
}

/** CircleCI connections overlap when they share a project slug; the others when their identities match. */
function overlaps(a: Connection, b: Connection): boolean {
  const ia = identityOf(a);
  if (ia === null || ia !== identityOf(b)) return false;
  if (a.kind === 'circleci' && b.kind === 'circleci') return a.projectSlugs.some((s) => b.projectSlugs.includes(s));
  return true;
}

/** Per connection id, the names of the other connections that read the same server as the same account. */
export function duplicatesAmong(connections: readonly Connection[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const a of connections) {
    const others = connections.filter((b) => b.id !== a.id && overlaps(a, b)).map((b) => b.name);
    found.set(a.id, others);
  }
  return found;
}
