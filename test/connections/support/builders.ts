import type { ConnectionDraft } from '../../../src/shared/contract/connections';
import type { DeploySourceInput } from '../../../src/shared/contract/project-settings';
import { JENKINS_TOKEN, JENKINS_USER } from './fake-jenkins';

type JenkinsDraft = Extract<ConnectionDraft, { kind: 'jenkins' }>;

/** A Jenkins form as an admin fills it in, pointing at `baseUrl`. */
export function aJenkinsDraft(baseUrl: string, overrides: Partial<JenkinsDraft> = {}): JenkinsDraft {
  return {
    kind: 'jenkins',
    name: 'Demo Jenkins',
    baseUrl,
    username: JENKINS_USER,
    apiToken: JENKINS_TOKEN,
    headers: { mode: 'replace', text: '' },
    ...overrides,
  };
}

export function aBuildkiteDraft(overrides: Partial<Extract<ConnectionDraft, { kind: 'buildkite' }>> = {}): ConnectionDraft {
  return { kind: 'buildkite', name: 'Buildkite', organization: 'acme', apiToken: 'bkua_0123456789abcdef', ...overrides };
}

export function aCircleCiDraft(overrides: Partial<Extract<ConnectionDraft, { kind: 'circleci' }>> = {}): ConnectionDraft {
  return { kind: 'circleci', name: 'CircleCI', projectSlugs: ['gh/acme/web'], apiToken: 'CCIPAT_0123456789abcdef', ...overrides };
}

export function aDeploySource(connectionId: string, overrides: Partial<DeploySourceInput> = {}): DeploySourceInput {
  return { connectionId, job: 'deploy-production', environmentName: 'production', environmentType: 'production', ...overrides };
}
