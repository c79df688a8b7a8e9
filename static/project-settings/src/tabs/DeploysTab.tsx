import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import {
  PROJECT_SETTINGS_RESOLVERS as KEYS,
  savedSchema,
  type DeploySourceInput,
  type ProjectSettings,
} from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { EnvironmentTypeLozenge } from '../../../shared/src/components/StateLozenge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SavedNotice } from '../components/SavedNotice';
import { DeployRegistration } from './DeployRegistration';
import { DeploySourceForm } from './DeploySourceForm';
import Heading from '@atlaskit/heading';

type Source = ProjectSettings['deploySources'][number];

function toInput(source: Source): DeploySourceInput {
  return {
    id: source.id,
    connectionId: source.connectionId,
    job: source.job,
    environmentName: source.environment.name,
    environmentType: source.environment.type,
    ...(source.branch ? { branch: source.branch } : {}),
    ...(source.parameterCondition ? { parameterCondition: source.parameterCondition } : {}),
  };
}

/** Which runs are deploys, to which environment; and the deploy registration URL for other tools. */
export function DeploysTab({ settings, onSaved }: { settings: ProjectSettings; onSaved: () => void }) {
  const [editing, setEditing] = useState<{ source?: Source } | null>(null);
  const [removing, setRemoving] = useState<Source | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const names = new Map(settings.connections.map((c) => [c.id, c.name]));

  const saveAll = async (inputs: DeploySourceInput[], message: string) => {
    await callResolver(KEYS.saveDeploySources, { sources: inputs }, savedSchema);
    setNotice(message);
    onSaved();
  };
  const saveOne = async (input: DeploySourceInput) => {
    const current = settings.deploySources.map(toInput);
    const next = input.id ? current.map((s) => (s.id === input.id ? input : s)) : [...current, input];
    await saveAll(next, `Deploy source for ${input.job} saved: its runs are deploys to ${input.environmentName}.`);
    setEditing(null);
  };
  const remove = useAction(async (source: Source) => {
    await saveAll(settings.deploySources.filter((s) => s.id !== source.id).map(toInput), `Deploy source for ${source.job} removed.`);
    setRemoving(null);
  });

  const rows = settings.deploySources.map((source) => ({
    key: source.id,
    testId: `deploy-source-${source.job}`,
    cells: [
      { content: <code>{source.job}</code> },
      { content: names.get(source.connectionId) ?? 'Removed connection' },
      { content: source.branch ?? 'Any' },
      { content: source.parameterCondition ?? '—' },
      {
        content: (
          <Inline space="space.075" alignBlock="center">
            <span>{source.environment.name}</span>
            <EnvironmentTypeLozenge type={source.environment.type} testId="environment-type" />
          </Inline>
        ),
      },
      {
        content: (
          <Inline space="space.050">
            <Button onClick={() => setEditing({ source })} aria-label={`Edit deploy source ${source.job}`}>
              Edit
            </Button>
            <Button appearance="subtle" onClick={() => setRemoving(source)} aria-label={`Remove deploy source ${source.job}`}>
              Remove
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  return (
    <Box paddingBlockStart="space.200" testId="deploys-tab">
      <Stack space="space.300">
        <Stack space="space.150">
          <Heading size="small" as="h2">
            Deploy sources
          </Heading>
          <Text color="color.text.subtle">Each run of a deploy source is a deploy to its environment, with the state of the run.</Text>
          {notice ? <SavedNotice text={notice} /> : null}
          <DynamicTable
            head={{ cells: ['Job or pipeline', 'Connection', 'Branch', 'Parameters', 'Environment', 'Actions'].map((label) => ({ key: label, content: label })) }}
            rows={rows}
            emptyView={<Text>No deploy source yet: add the job that deploys this project, e.g. deploy-production.</Text>}
            testId="deploy-sources-table"
          />
          {editing ? (
            <DeploySourceForm
              key={editing.source?.id ?? 'new'}
              settings={settings}
              initial={editing.source ? toInput(editing.source) : undefined}
              onSave={saveOne}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <Inline>
              <Button isDisabled={settings.connections.length === 0} onClick={() => { setNotice(null); setEditing({}); }}>
                Add deploy source
              </Button>
            </Inline>
          )}
        </Stack>
        <DeployRegistration settings={settings} onChanged={onSaved} />
      </Stack>
      {removing ? (
        <ConfirmDialog
          title={`Remove the deploy source for ${removing.job}?`}
          confirmLabel="Remove deploy source"
          busy={remove.busy}
          onConfirm={() => void remove.act(removing)}
          onClose={() => setRemoving(null)}
        >
          <p>New runs of {removing.job} will no longer be deploys to {removing.environment.name}. Deploys already recorded stay.</p>
          {remove.failure ? <FailureMessage title="Not removed" failure={remove.failure} /> : null}
        </ConfirmDialog>
      ) : null}
    </Box>
  );
}
