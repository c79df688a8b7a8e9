import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import CheckCircleIcon from '@atlaskit/icon/core/check-circle';
import CheckCircleUncheckedIcon from '@atlaskit/icon/core/check-circle-unchecked';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { PROJECT_SETTINGS_RESOLVERS as KEYS, syncStatusListSchema, type ProjectSettings } from '../../../../src/shared/contract/project-settings';
import { useLoaded } from '../../../shared/src/hooks/useLoaded';
import { callResolver } from '../../../shared/src/resolvers';

interface Step {
  readonly label: string;
  readonly done: boolean;
  readonly tab: number;
  readonly detail?: string | undefined;
}

/**
 * A new project's set-up, in the order it works: a CI connection, the build server, the deploy
 * jobs, how deploys link to issues, and a first sync, each step opening its tab. Shown until every
 * step is done, the first sync included, and kept on the visit that completes it.
 */
export function SetupChecklist({
  settings,
  keepShown,
  tabOf,
  onOpen,
}: {
  settings: ProjectSettings;
  keepShown: boolean;
  tabOf: (label: string) => number;
  onOpen: (tab: number) => void;
}) {
  const { state } = useLoaded(() => callResolver(KEYS.syncStatus, {}, syncStatusListSchema), settings.updatedAt ?? 'new');
  const rows = state.status === 'ready' ? state.data.connections : [];
  // A pushed-only connection is never polled: its first build arriving is its first sync.
  const synced = rows.filter((r) => r.status?.lastSuccessAt || (r.pushedOnly && r.stored)).length;
  const running = rows.some((r) => r.status && !r.status.complete && !r.status.error);
  const steps: Step[] = [
    { label: 'Connect a CI server', done: settings.connections.length > 0, tab: tabOf('Connections') },
    { label: 'Pick the default build server', done: settings.defaultConnectionId !== null, tab: tabOf('Build server') },
    { label: 'Map the jobs that deploy', done: settings.deploySources.length > 0, tab: tabOf('Deploys') },
    { label: 'Choose how deploys link to issues', done: settings.issueIntegrationChosen === true, tab: tabOf('Issue integration') },
    {
      label: 'First sync',
      done: rows.length > 0 && synced === rows.length,
      tab: tabOf('Sync'),
      detail: rows.length === 0 ? undefined : running ? `running: ${synced} of ${rows.length} connections synced` : `${synced} of ${rows.length} connections synced`,
    },
  ];
  const left = steps.filter((s) => !s.done).length;
  // A set-up project gets no checklist; while its sync status loads, nothing flashes either.
  const settingsDone = steps.slice(0, 4).every((s) => s.done);
  if (!keepShown && settingsDone && state.status === 'loading') return null;
  if (!keepShown && left === 0) return <span data-testid="setup-done" hidden />;
  return (
    <Box testId="setup-checklist" padding="space.200" backgroundColor="color.background.neutral.subtle">
      <Stack space="space.100">
        <Heading size="xsmall" as="h2">
          {left === 0 ? 'Set-up complete' : `Set up Deploy Tracker: ${steps.length - left} of ${steps.length} done`}
        </Heading>
        <ol aria-label="Set-up steps" style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
          {steps.map((step) => (
            <li key={step.label} data-testid={`setup-step-${step.done ? 'done' : 'todo'}`}>
              <Inline space="space.100" alignBlock="center">
                {step.done ? <CheckCircleIcon label="Done" color="var(--ds-icon-success)" /> : <CheckCircleUncheckedIcon label="To do" />}
                {step.done ? <Text>{step.label}</Text> : <Button appearance="subtle" onClick={() => onOpen(step.tab)}>{step.label}</Button>}
                {step.detail ? <Text color="color.text.subtle">({step.detail})</Text> : null}
              </Inline>
            </li>
          ))}
        </ol>
      </Stack>
    </Box>
  );
}
