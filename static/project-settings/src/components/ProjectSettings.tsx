import { useState } from 'react';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { PROJECT_SETTINGS_RESOLVERS as KEYS, projectSettingsSchema } from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useLoaded } from '../../../shared/src/hooks/useLoaded';
import { AppAccessNotice, useAppAccess } from '../../../shared/src/connections/AppAccessNotice';
import { ConnectionsSection } from '../../../shared/src/connections/ConnectionsSection';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { ErrorState } from '../../../shared/src/components/ErrorState';
import { LoadingState } from '../../../shared/src/components/LoadingState';
import type { PageProps } from '../../../shared/src/page-props';
import { BuildServerTab } from '../tabs/BuildServerTab';
import { DeploysTab } from '../tabs/DeploysTab';
import { DoraTab } from '../tabs/DoraTab';
import { IssueIntegrationTab } from '../tabs/IssueIntegrationTab';
import { SyncTab } from '../tabs/SyncTab';
import Heading from '@atlaskit/heading';
import { SetupChecklist } from './SetupChecklist';

const TABS = ['Connections', 'Build server', 'Deploys', 'Issue integration', 'Sync', 'DORA'] as const;

export function ProjectSettings({ info }: PageProps) {
  const { state, reload } = useLoaded(() => callResolver(KEYS.get, {}, projectSettingsSchema));
  const [selected, setSelected] = useState(0);
  const [completing, setCompleting] = useState(false);
  const access = useAppAccess();
  const projectKey = info.projectKey ?? 'this project';

  if (state.status === 'loading') return <LoadingState label="Loading project settings" />;
  if (state.status === 'error') {
    return state.failure.name === 'Forbidden' ? (
      <Stack space="space.200" testId="project-settings">
        <FailureMessage title={`You cannot change the Deploy Tracker settings of ${projectKey}`} failure={state.failure} />
      </Stack>
    ) : (
      <ErrorState title="Project settings could not load" message={state.failure.message} onRetry={reload} />
    );
  }
  const settings = state.data;
  return (
    <Stack space="space.200" testId="project-settings">
      <Heading size="large" as="h1">
        Deploy Tracker settings for <span data-testid="settings-project">{settings.projectKey}</span>
      </Heading>
      <Text color="color.text.subtle">Which CI servers this project reads, which of their jobs deploy it, and how deploys link to issues.</Text>
      <AppAccessNotice access={access} page="project" />
      <SetupChecklist settings={settings} keepShown={completing} tabOf={(label) => TABS.findIndex((t) => t === label)} onOpen={(tab) => { setCompleting(true); setSelected(tab); }} />
      <Tabs id="settings-tabs" selected={selected} onChange={setSelected} testId="settings-tabs">
        <TabList>
          {TABS.map((label) => (
            <Tab key={label}>{label}</Tab>
          ))}
        </TabList>
        <TabPanel>
          <Box paddingBlockStart="space.200">
            <ConnectionsSection
              intro={`Site-wide connections, which Jira admins manage, and connections only ${settings.projectKey} uses, which you manage here.`}
              siteAdmin={access.status === 'ready' && access.data.siteAdmin}
              onChanged={reload}
            />
          </Box>
        </TabPanel>
        <TabPanel>
          <BuildServerTab settings={settings} onSaved={reload} />
        </TabPanel>
        <TabPanel>
          <DeploysTab settings={settings} onSaved={reload} />
        </TabPanel>
        <TabPanel>
          <IssueIntegrationTab settings={settings} onSaved={reload} />
        </TabPanel>
        <TabPanel>
          <SyncTab key={settings.updatedAt ?? 'unsaved'} />
        </TabPanel>
        <TabPanel>
          <DoraTab />
        </TabPanel>
      </Tabs>
    </Stack>
  );
}
