import { useState } from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box } from '@atlaskit/primitives/compiled';
import { deployDetailSchema, ISSUE_PANEL_RESOLVERS } from '../../../../src/shared/contract/issue-panel';
import { callResolver } from '../../../shared/src/resolvers';
import { useLoaded } from '../../../shared/src/hooks/useLoaded';
import { BuildsTab } from './BuildsTab';
import { CommitsTab } from './CommitsTab';
import { DetailSkeleton } from './DetailSkeleton';
import { PanelError } from './PanelError';

/**
 * One deploy's Builds and Commits tabs. Both come from one call made when the deploy is opened
 * on its Builds tab: the snapshot, the same builds' states now, and the commits.
 */
export default function DeployDetails({ deployId, issueKey }: { readonly deployId: string; readonly issueKey: string }) {
  const { state, reload } = useLoaded(
    () => callResolver(ISSUE_PANEL_RESOLVERS.deploy, { deployId }, deployDetailSchema),
    `deploy:${deployId}`,
  );
  const [selected, setSelected] = useState(0);
  if (state.status === 'loading') return <DetailSkeleton />;
  if (state.status === 'error') return <PanelError title="This deploy could not load" failure={state.failure} onRetry={reload} testId="detail-error" />;
  const detail = state.data;
  const commitCount = detail.commits.mentioning.length + detail.commits.others.length;
  return (
    <div data-testid="deploy-detail">
      <Tabs id={`deploy-tabs-${deployId}`} selected={selected} onChange={setSelected}>
        <TabList>
          <Tab testId="builds-tab">{`Builds (${detail.builds.length})`}</Tab>
          <Tab testId="commits-tab">{`Commits (${commitCount})`}</Tab>
        </TabList>
        <TabPanel testId="builds-panel">
          <Box paddingBlockStart="space.150" style={{ width: '100%' }}>
            <BuildsTab detail={detail} />
          </Box>
        </TabPanel>
        <TabPanel testId="commits-panel">
          <Box paddingBlockStart="space.150" style={{ width: '100%' }}>
            <CommitsTab commits={detail.commits} issueKey={issueKey} />
          </Box>
        </TabPanel>
      </Tabs>
    </div>
  );
}
