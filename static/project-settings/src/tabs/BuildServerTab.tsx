import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import { globMatches, isGlob } from '../../../../src/domain/glob';
import { PROJECT_SETTINGS_RESOLVERS as KEYS, savedSchema, type ProjectSettings } from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { PROVIDER_LABELS } from '../../../shared/src/connections/ProviderFields';
import { jobName } from '../../../shared/src/dates';
import { JobPicker, useJobList } from '../components/JobPicker';
import { LabeledSelect } from '../components/LabeledSelect';
import { SavedNotice } from '../components/SavedNotice';
import Heading from '@atlaskit/heading';

const NONE = '';

/** Chosen names that match no job the server lists (globs count when they match one). */
function missingJobs(chosen: readonly string[], ids: readonly string[]): string[] {
  return chosen.filter((name) => (isGlob(name) ? !ids.some((id) => globMatches(name, id)) : !ids.includes(name)));
}

/** The default build server and which of its jobs count as this project's builds. */
export function BuildServerTab({ settings, onSaved }: { settings: ProjectSettings; onSaved: () => void }) {
  const [connectionId, setConnectionId] = useState(settings.defaultConnectionId ?? NONE);
  const [chosen, setChosen] = useState<string[]>(settings.buildJobs);
  const [cleared, setCleared] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const jobs = useJobList(connectionId);
  const save = useAction(async () => {
    await callResolver(KEYS.saveBuildServer, { defaultConnectionId: connectionId === NONE ? null : connectionId, jobs: chosen }, savedSchema);
    setSaved(true);
    setCleared([]);
    onSaved();
  });
  const choices = [
    { label: 'None', value: NONE },
    ...settings.connections.map((c) => ({ label: `${c.name} (${PROVIDER_LABELS[c.kind]})`, value: c.id })),
  ];
  const missing = jobs.status === 'ready' ? missingJobs(chosen, jobs.ids) : [];

  return (
    <Box paddingBlockStart="space.200" testId="build-server-tab">
      <Stack space="space.200">
        <Heading size="small" as="h2">
          Default build server
        </Heading>
        {settings.connections.length === 0 ? (
          <Text>No CI connection is available yet: add one on the Connections tab, or ask a Jira admin to add a site-wide one.</Text>
        ) : null}
        <LabeledSelect
          id="default-build-server"
          label="Default build server"
          choices={choices}
          value={connectionId}
          onChange={(value) => {
            if (value === connectionId) return;
            // Another server's job names mean nothing here: say so rather than keep them silently.
            if (chosen.length) setCleared(chosen);
            setChosen([]);
            setConnectionId(value);
            setSaved(false);
          }}
          helper="Its builds are shown first in a deploy's build snapshot."
        />
        {cleared.length ? (
          <div role="status" data-testid="jobs-cleared">
            <SectionMessage appearance="information">
              <p>
                The jobs chosen on the previous server ({cleared.map(jobName).join(', ')}) were cleared: pick this server&apos;s jobs, or leave it empty to count every job.
              </p>
            </SectionMessage>
          </div>
        ) : null}
        {connectionId !== NONE ? (
          <JobPicker
            id="build-jobs"
            label="Jobs that count as builds"
            isMulti
            jobs={jobs}
            value={chosen}
            onChange={(value) => {
              setChosen(value);
              setSaved(false);
            }}
            helper="Pick the server's jobs, or type a glob such as web/*. Leave empty to count every job."
          />
        ) : null}
        {missing.length ? (
          <div role="alert" data-testid="missing-jobs">
            <SectionMessage appearance="warning" title="Not on this server">
              <p>
                {missing.map(jobName).join(', ')} {missing.length === 1 ? 'matches' : 'match'} no job the server lists: {missing.length === 1 ? 'it counts' : 'they count'} nothing.
              </p>
            </SectionMessage>
          </div>
        ) : null}
        {save.failure ? <FailureMessage title="The build server was not saved" failure={save.failure} /> : null}
        {saved ? <SavedNotice text="Default build server saved." /> : null}
        <Inline>
          <Button appearance="primary" isLoading={save.busy} onClick={() => void save.act()}>
            Save build server
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}
