import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { ModuleInfo, type ModuleInfoProps } from '../../../shared/src/components/ModuleInfo';

export function CiConnections({ info, context }: ModuleInfoProps) {
  return (
    <Stack space="space.200" testId="ci-connections">
      <Heading size="large" as="h1">
        CI connections
      </Heading>
      <Text color="color.text.subtle">No CI server is connected to this site yet.</Text>
      <ModuleInfo info={info} context={context} />
    </Stack>
  );
}
