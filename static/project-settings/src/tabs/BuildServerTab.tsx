import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { jobListSchema, PROJECT_SETTINGS_RESOLVERS as KEYS, savedSchema, type ProjectSettings } from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { PROVIDER_LABELS } from '../../../shared/src/connections/ProviderFields';
import { LabeledSelect } from '../components/LabeledSelect';
import { SavedNotice } from '../components/SavedNotice';
import { TextInput } from '../components/TextInput';
import Heading from '@atlaskit/heading';

const NONE = '';

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The default build server and which of its jobs count as this project's builds. */
export function BuildServerTab({ settings, onSaved }: { settings: ProjectSettings; onSaved: () => void }) {
  const [connectionId, setConnectionId] = useState(settings.defaultConnectionId ?? NONE);
  const [jobsText, setJobsText] = useState(settings.buildJobs.join(', '));
  const [saved, setSaved] = useState(false);
  const [jobs, setJobs] = useState<{ ids: string[]; truncated: boolean } | null>(null);
  const save = useAction(async () => {
    await callResolver(KEYS.saveBuildServer, { defaultConnectionId: connectionId === NONE ? null : connectionId, jobs: splitList(jobsText) }, savedSchema);
    setSaved(true);
    onSaved();
  });
  const loadJobs = useAction(async () => {
    const list = await callResolver(KEYS.listJobs, { connectionId }, jobListSchema);
    setJobs({ ids: list.jobs.map((j) => j.id), truncated: list.truncated });
  });
  const choices = [
    { label: 'None', value: NONE },
    ...settings.connections.map((c) => ({ label: `${c.name} (${PROVIDER_LABELS[c.kind]})`, value: c.id })),
  ];
  const chosen = splitList(jobsText);

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
            setConnectionId(value);
            setJobs(null);
            setSaved(false);
          }}
          helper="Its builds are shown first in a deploy's build snapshot."
        />
        <TextInput
          id="build-jobs"
          label="Jobs that count as builds"
          value={jobsText}
          onChange={(value) => {
            setJobsText(value);
            setSaved(false);
          }}
          placeholder="Every job"
          helper="Comma-separated job or pipeline names, or globs such as web/*. Leave empty to count every job."
        />
        {connectionId !== NONE ? (
          <Inline space="space.100">
            <Button isLoading={loadJobs.busy} onClick={() => void loadJobs.act()}>
              Show jobs on this server
            </Button>
          </Inline>
        ) : null}
        {loadJobs.failure ? <FailureMessage title="Could not list the jobs" failure={loadJobs.failure} /> : null}
        {jobs ? (
          <Stack space="space.050" testId="job-list">
            <Text color="color.text.subtle">{jobs.ids.length ? 'Add a job to the list:' : 'The server shows no jobs to this user.'}</Text>
            <Inline space="space.050" shouldWrap>
              {jobs.ids.slice(0, 100).map((id) => (
                <Button key={id} appearance="subtle" isDisabled={chosen.includes(id)} onClick={() => setJobsText([...chosen, id].join(', '))}>
                  {id}
                </Button>
              ))}
            </Inline>
            {jobs.truncated || jobs.ids.length > 100 ? <Text color="color.text.subtle">Only the first 100 jobs are shown; type others by name or glob.</Text> : null}
          </Stack>
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
