/**
 * The demo stand-ins' credentials. Made up, valid only against these local servers; the demo
 * wiring and tests use them to configure connections.
 */
export const DEMO_CREDENTIALS = {
  jenkins: { username: 'demo', apiToken: 'demo-jenkins-token' },
  buildkite: { apiToken: 'demo-buildkite-token', organization: 'demo-org' },
  circleci: { apiToken: 'demo-circleci-token' },
} as const;

/** Scopes of the demo Buildkite token: what the app needs and the two that make setup easier. */
export const DEMO_BUILDKITE_SCOPES = ['read_builds', 'read_pipelines', 'read_organizations', 'read_user'] as const;
