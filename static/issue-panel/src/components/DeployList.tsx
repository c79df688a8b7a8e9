import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/new';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import type { DeployRow } from '../../../../src/shared/contract/issue-panel';
import Lozenge from '@atlaskit/lozenge';
import { cell, headCell, nestedCell, scroller, subtle, table, truncate } from '../styles';
import { DetailSkeleton } from './DetailSkeleton';
import { RunLink } from './RunLink';
import { ShortSha } from './ShortSha';
import { StateLozenge } from '../../../shared/src/components/StateLozenge';
import { Time } from './Time';

// Builds, commits and the Jenkins drill-down load with the first deploy someone opens.
const DeployDetails = lazy(() => import('./DeployDetails'));

const COLUMNS = 4;

// The project part of the key (src/domain/access-rules.ts says the same; importing it would bring full zod).
const projectOfIssueKey = (issueKey: string) => issueKey.slice(0, Math.max(0, issueKey.lastIndexOf('-')));

const PROVIDER = { jenkins: 'Jenkins', buildkite: 'Buildkite', circleci: 'CircleCI' } as const;

/** Buildkite's and CircleCI's trigger words, said as a person would. */
const TRIGGER: Record<string, string> = {
  api: 'Started through the CI API',
  webhook: 'Started by a push',
  ui: 'Started from the CI web page',
  schedule: 'Started on a schedule',
  scheduled_pipeline: 'Started on a schedule',
  upstream: 'Started by another pipeline',
  trigger_job: 'Started by another pipeline',
};

export function triggerText(deploy: DeployRow): string | null {
  if (deploy.provider === null) return deploy.trigger ? `Registered by ${deploy.trigger}` : 'Registered through the API';
  if (!deploy.trigger) return null;
  return TRIGGER[deploy.trigger.toLowerCase()] ?? deploy.trigger;
}

/** Which CI ran it, and the project that recorded it when that is not the issue's own. */
function Badges({ deploy, issueKey }: { readonly deploy: DeployRow; readonly issueKey: string }) {
  const other = deploy.projectKey && deploy.projectKey !== projectOfIssueKey(issueKey) ? deploy.projectKey : null;
  const seen = deploy.records ?? 1;
  return (
    <Inline space="space.050" alignBlock="center" shouldWrap testId="deploy-badges">
      <span data-testid="provider-badge" title={seen > 1 ? `Seen through ${seen} connections to the same server: one deploy` : undefined}>
        <Lozenge>{deploy.provider ? PROVIDER[deploy.provider] : 'Registered'}</Lozenge>
      </span>
      {other ? (
        <span data-testid="project-badge" title={`Recorded by project ${other}`}>
          <Lozenge appearance="moved">{other}</Lozenge>
        </span>
      ) : null}
    </Inline>
  );
}

/**
 * An environment's deploys, newest first, one row per real deploy; a deploy opens its builds and
 * commits. Older deploys come with the panel's one "Show older deploys" control.
 */
export function DeployList({
  deploys,
  environmentName,
  issueKey,
}: {
  readonly deploys: readonly DeployRow[];
  readonly environmentName: string;
  readonly issueKey: string;
}) {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Stack space="space.100">
      <div style={scroller}>
        <table style={table} data-testid="deploy-list" aria-label={`Deploys to ${environmentName}`}>
          <thead>
            <tr>
              <th style={headCell}>Deploy</th>
              <th style={headCell}>State</th>
              <th style={headCell}>When and by whom</th>
              <th style={headCell}>Commit and branch</th>
            </tr>
          </thead>
          <tbody>
            {deploys.map((deploy) => {
              const isOpen = openId === deploy.id;
              const detailId = `deploy-detail-${deploy.id}`;
              return [
                <tr key={deploy.id} data-testid="deploy-row" data-deploy={deploy.id} data-real-key={deploy.realKey ?? deploy.id}>
                  <td style={cell}>
                    <Inline space="space.050" alignBlock="center">
                      <Button
                        appearance="subtle"
                        spacing="compact"
                        iconBefore={isOpen ? ChevronDownIcon : ChevronRightIcon}
                        aria-expanded={isOpen}
                        aria-controls={detailId}
                        aria-label={`Builds and commits of ${deploy.pipeline.displayName} #${deploy.sequence}`}
                        onClick={() => setOpenId(isOpen ? null : deploy.id)}
                        testId="deploy-toggle"
                      >
                        #{deploy.sequence}
                      </Button>
                      <RunLink deploy={deploy} iconOnly />
                    </Inline>
                    <span style={{ ...subtle, ...truncate, display: 'block', maxWidth: '12em' }} title={deploy.pipeline.displayName}>
                      {deploy.pipeline.displayName}
                    </span>
                    <Badges deploy={deploy} issueKey={issueKey} />
                  </td>
                  <td style={cell}>
                    <StateLozenge state={deploy.state} />
                  </td>
                  <td style={cell}>
                    <span style={{ whiteSpace: 'nowrap' }}>
                      <Time iso={deploy.startedAt} />
                    </span>
                    {triggerText(deploy) ? (
                      <span style={{ ...subtle, ...truncate, display: 'block', maxWidth: '14em' }} title={triggerText(deploy) ?? undefined}>
                        {triggerText(deploy)}
                      </span>
                    ) : null}
                  </td>
                  <td style={cell}>
                    {deploy.sha ? <ShortSha sha={deploy.sha} url={deploy.commitUrl ?? null} /> : <span style={subtle}>No commit</span>}
                    {deploy.branch ? (
                      <span style={{ ...subtle, ...truncate, display: 'block' }} title={deploy.branch}>
                        {deploy.branch}
                      </span>
                    ) : null}
                  </td>
                </tr>,
                isOpen ? (
                  <tr key={`${deploy.id}-detail`} id={detailId}>
                    <td colSpan={COLUMNS} style={nestedCell}>
                      <Suspense fallback={<DetailSkeleton />}>
                        <DeployDetails deployId={deploy.id} issueKey={issueKey} />
                      </Suspense>
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </Stack>
  );
}
