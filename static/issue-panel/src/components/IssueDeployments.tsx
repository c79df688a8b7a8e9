import { Stack, Text } from '@atlaskit/primitives/compiled';
import { ModuleInfo, type ModuleInfoProps } from '../../../shared/src/components/ModuleInfo';

export function IssueDeployments({ info, context }: ModuleInfoProps) {
  return (
    <Stack space="space.200" testId="issue-deployments">
      <Text color="color.text.subtle">No deployment has carried {info.issueKey ?? 'this issue'} yet.</Text>
      <ModuleInfo info={info} context={context} />
    </Stack>
  );
}
