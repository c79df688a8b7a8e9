/**
 * Where the demo's code lives, as the CI stand-ins name it in their answers. By default a made-up
 * host (git.example.com) the issue panel does not link to, which tests of the mapping rely on; for
 * the demo, the local Git host stand-in (git-host/), whose GitHub-shaped commit pages the panel
 * links to because its name starts with `github.`.
 */
export interface GitRemotes {
  /** What every demo job checks out, as Jenkins' git plugin records the remote. */
  readonly jenkins: string;
  /** The shared library some Jenkins Pipelines load. */
  readonly jenkinsLibrary: string;
  /** A Buildkite pipeline's `repository`. */
  readonly buildkite: string;
  /** A CircleCI project's `vcs.origin_repository_url`, from its slug's organisation and name. */
  circleci(org: string, repo: string): string;
}

/** The organisation the Git host keeps the demo's repositories under, as Buildkite and CircleCI name it. */
export const DEMO_OWNER = 'demo-org';
export const APP_REPOSITORY = `${DEMO_OWNER}/shop`;
export const LIBRARY_REPOSITORY = `${DEMO_OWNER}/jenkins-shared-library`;

/** Remotes on a host nobody can open: what the stand-ins report unless given a Git host. */
export const EXAMPLE_REMOTES: GitRemotes = {
  jenkins: 'https://git.example.com/demo/shop.git',
  jenkinsLibrary: 'https://git.example.com/platform/jenkins-shared-library.git',
  buildkite: 'git@git.example.com:demo/shop.git',
  circleci: (org, repo) => `https://git.example.com/${org}/${repo}`,
};

/**
 * Remotes on the Git host at `origin` (e.g. `http://github.localhost:41234`). Buildkite's is an
 * http clone URL rather than the scp form, which names no port and so could not reach a local host.
 */
export function remotesAt(origin: string): GitRemotes {
  const base = origin.replace(/\/+$/, '');
  return {
    jenkins: `${base}/${APP_REPOSITORY}.git`,
    jenkinsLibrary: `${base}/${LIBRARY_REPOSITORY}.git`,
    buildkite: `${base}/${APP_REPOSITORY}.git`,
    circleci: (org, repo) => `${base}/${org}/${repo}`,
  };
}

/** `gh/demo-org/storefront` as the `owner/name` of its repository; null for a slug of another shape. */
export function repositoryOfSlug(slug: string): string | null {
  const [, org, repo] = slug.split('/');
  return org && repo ? `${org}/${repo}` : null;
}
