import { lazy, Suspense, useState } from 'react';
import Button from '@atlaskit/button/new';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { DEPLOYS_PER_PAGE, type DeployRow } from '../../../../src/shared/contract/issue-panel';
import { pageOf } from '../model';
import { cell, headCell, nestedCell, scroller, subtle, table, truncate } from '../styles';
import { DetailSkeleton } from './DetailSkeleton';
import { RunLink } from './RunLink';
import { ShortSha } from './ShortSha';
import { StateLozenge } from './StateLozenge';
import { Time } from './Time';

// Builds, commits and the Jenkins drill-down load with the first deploy someone opens.
const DeployDetails = lazy(() => import('./DeployDetails'));

const COLUMNS = 4;

/** An environment's deploys, newest first, 20 to a page; a deploy opens its builds and commits. */
export function DeployList({
  deploys,
  environmentName,
  issueKey,
}: {
  readonly deploys: readonly DeployRow[];
  readonly environmentName: string;
  readonly issueKey: string;
}) {
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const shown = pageOf(deploys, page, DEPLOYS_PER_PAGE);
  const first = (shown.page - 1) * DEPLOYS_PER_PAGE + 1;
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
            {shown.items.map((deploy) => {
              const isOpen = openId === deploy.id;
              const detailId = `deploy-detail-${deploy.id}`;
              return [
                <tr key={deploy.id} data-testid="deploy-row" data-deploy={deploy.id}>
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
                  </td>
                  <td style={cell}>
                    <StateLozenge state={deploy.state} />
                  </td>
                  <td style={cell}>
                    <span style={{ whiteSpace: 'nowrap' }}>
                      <Time iso={deploy.startedAt} />
                    </span>
                    {deploy.trigger ? (
                      <span style={{ ...subtle, ...truncate, display: 'block', maxWidth: '14em' }} title={deploy.trigger}>
                        {deploy.trigger}
                      </span>
                    ) : null}
                  </td>
                  <td style={cell}>
                    {deploy.sha ? <ShortSha sha={deploy.sha} /> : <span style={subtle}>No commit</span>}
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
      {shown.pages > 1 ? (
        <Inline space="space.100" alignBlock="center" testId="deploy-pagination">
          <Button spacing="compact" isDisabled={shown.page <= 1} onClick={() => setPage(shown.page - 1)}>
            Newer
          </Button>
          <Text color="color.text.subtle" size="small">
            {first}–{first + shown.items.length - 1} of {deploys.length}
          </Text>
          <Button spacing="compact" isDisabled={shown.page >= shown.pages} onClick={() => setPage(shown.page + 1)}>
            Older
          </Button>
        </Inline>
      ) : null}
    </Stack>
  );
}
