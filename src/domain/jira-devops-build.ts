import type { Build, BuildState, TestCounts } from './build';
import { projectOf } from './issue-keys';
import { clip, JIRA_LIMITS, jiraUrl, updateSequenceNumber } from './jira-devops';

/** BuildData of POST /rest/builds/0.1/bulk, as the app fills it. */
export interface JiraBuild {
  readonly schemaVersion: '1.0';
  readonly pipelineId: string;
  readonly buildNumber: number;
  readonly updateSequenceNumber: number;
  readonly displayName: string;
  readonly description?: string;
  readonly label?: string;
  readonly url: string;
  readonly state: BuildState;
  readonly lastUpdated: string;
  readonly issueKeys: readonly string[];
  readonly testInfo?: { readonly totalNumber: number; readonly numberPassed: number; readonly numberFailed: number; readonly numberSkipped: number };
  readonly references?: readonly JiraBuildReference[];
}

export type JiraBuildReference =
  | { readonly commit: { readonly id: string; readonly repositoryUri: string } }
  | { readonly ref: { readonly name: string; readonly uri: string } };


export interface BuildTarget {
  /** From `pipelineIdOf`: the CI server and the job. */
  readonly pipelineId: string;
  readonly projectKey: string;
  /** The keys the build's branch and commit messages name, as the project's settings allow. */
  readonly issueKeys: readonly string[];
  /** The repository's web address, else the build's own; without one Jira cannot place a commit or branch, so none is sent. */
  readonly repositoryUri?: string | undefined;
  /** Else the build's own, when its CI reported them. */
  readonly tests?: TestCounts | undefined;
}

export type BuildMapping = { readonly build: JiraBuild } | { readonly skipped: string };

export function buildKeyText(build: Pick<JiraBuild, 'pipelineId' | 'buildNumber'>): string {
  return `${build.pipelineId}\n${build.buildNumber}`;
}

function referencesOf(build: Build, repositoryUri: string | undefined): JiraBuildReference[] {
  const repository = jiraUrl(repositoryUri);
  if (!repository) return [];
  const references: JiraBuildReference[] = [];
  if (build.sha) references.push({ commit: { id: clip(build.sha), repositoryUri: repository } });
  if (build.branch) {
    const uri = jiraUrl(`${repository.replace(/\/+$/, '')}/tree/${encodeURIComponent(build.branch)}`) ?? repository;
    references.push({ ref: { name: clip(build.branch), uri } });
  }
  return references.slice(0, JIRA_LIMITS.buildReferences);
}

/** A build as Jira's build, or why it cannot be one (Jira needs at least one issue key and a URL). */
export function toJiraBuild(build: Build, target: BuildTarget): BuildMapping {
  const url = jiraUrl(build.url) ?? jiraUrl(build.job.url);
  if (!url) return { skipped: 'it has no http(s) link to the run, which Jira requires' };
  const lastUpdated = build.finishedAt ?? build.startedAt;
  if (!lastUpdated) return { skipped: 'it has not started yet' };
  const own = target.issueKeys.filter((k) => projectOf(k) === target.projectKey);
  const issueKeys = [...new Set([...own, ...target.issueKeys])].slice(0, JIRA_LIMITS.buildIssueKeys);
  if (issueKeys.length === 0) return { skipped: 'it links no issue' };
  const references = referencesOf(build, target.repositoryUri ?? build.repositoryUrl ?? undefined);
  const tests = target.tests ?? build.tests ?? undefined;
  return {
    build: {
      schemaVersion: '1.0',
      pipelineId: target.pipelineId,
      buildNumber: build.number,
      updateSequenceNumber: updateSequenceNumber(build.state, build.startedAt, build.finishedAt, issueKeys.length + references.length + (tests ? 1 : 0)),
      displayName: clip(`${build.job.displayName} #${build.number}`),
      ...(build.branch ? { description: clip(`Build of branch ${build.branch}`) } : {}),
      ...(build.sha ? { label: build.sha.slice(0, 12) } : {}),
      url,
      state: build.state,
      lastUpdated,
      issueKeys,
      ...(tests
        ? { testInfo: { totalNumber: tests.total, numberPassed: tests.passed, numberFailed: tests.failed, numberSkipped: tests.skipped } }
        : {}),
      ...(references.length > 0 ? { references } : {}),
    },
  };
}
