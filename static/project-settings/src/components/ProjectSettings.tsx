import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { ModuleInfo, type ModuleInfoProps } from '../../../shared/src/components/ModuleInfo';

export function ProjectSettings({ info, context }: ModuleInfoProps) {
  return (
    <Stack space="space.200" testId="project-settings">
      <Heading size="large" as="h1">
        Deploy Tracker settings
      </Heading>
      <Text color="color.text.subtle">
        Choose which CI pipelines deploy {info.projectKey ?? 'this project'}. Pipelines appear here once a site admin connects a CI server.
      </Text>
      <ModuleInfo info={info} context={context} />
    </Stack>
  );
}
