import { Stack } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../shared/src/page-props';
import { AppAccessNotice, useAppAccess } from '../../shared/src/connections/AppAccessNotice';
import { ConnectionsSection } from '../../shared/src/connections/ConnectionsSection';
import Heading from '@atlaskit/heading';
import { SiteHistoryImport } from '../../shared/src/components/HistoryImport';

// Who the page runs as and its module key are Forge's business: a refusal says what to do instead.
export function AdminPage(_props: PageProps) {
  const access = useAppAccess();
  return (
    <Stack space="space.300">
      <Heading size="large" as="h1">
        CI connections
      </Heading>
      <AppAccessNotice access={access} page="site" />
      <ConnectionsSection
        // Only Jira admins reach this page's resolvers, and they may approve addresses.
        siteAdmin
        intro="Jenkins, Buildkite and CircleCI servers Deploy Tracker reads builds and deploys from, for every project on this site. Project admins pick which ones their project uses in its settings."
      />
      <SiteHistoryImport />
    </Stack>
  );
}
