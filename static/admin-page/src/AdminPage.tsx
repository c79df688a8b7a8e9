import { Stack } from '@atlaskit/primitives/compiled';
import { ModuleInfo, type ModuleInfoProps } from '../../shared/src/components/ModuleInfo';
import { ConnectionsSection } from '../../shared/src/connections/ConnectionsSection';
import Heading from '@atlaskit/heading';

export function AdminPage({ info, context }: ModuleInfoProps) {
  return (
    <Stack space="space.300">
      <Heading size="large" as="h1">
        CI connections
      </Heading>
      <ConnectionsSection
        intro="Jenkins, Buildkite and CircleCI servers Deploy Tracker reads builds and deploys from, for every project on this site. Project admins pick which ones their project uses in its settings."
        footer={<ModuleInfo info={info} context={context} />}
      />
    </Stack>
  );
}
