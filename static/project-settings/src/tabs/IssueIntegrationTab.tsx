import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Fieldset, Legend } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { RadioGroup } from '@atlaskit/radio';
import {
  ISSUE_INTEGRATION_LABELS,
  ISSUE_INTEGRATION_PROVIDERS,
  PROJECT_SETTINGS_RESOLVERS as KEYS,
  savedSchema,
  type ProjectSettings,
} from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { SavedNotice } from '../components/SavedNotice';
import Heading from '@atlaskit/heading';

type Integration = ProjectSettings['issueIntegration'];

const DESCRIPTIONS: Readonly<Record<Integration['provider'], string>> = {
  jira: "links deploys to issues here and sends them to Jira's Deployments (issue Development panel, Releases, Deployments page)",
  'app-only': 'links deploys to issues for this app’s Deployments panel only',
  none: 'deploys are recorded but linked to no issue',
};

/** Which sources are scanned for issue keys, as one choice: at least one of them always is. */
const SOURCES = {
  both: { label: 'Commit messages and branch names', scanCommitMessages: true, scanBranchNames: true },
  commits: { label: 'Commit messages only', scanCommitMessages: true, scanBranchNames: false },
  branches: { label: 'Branch names only', scanCommitMessages: false, scanBranchNames: true },
} as const;
type SourceChoice = keyof typeof SOURCES;

function sourceChoice(value: Integration): SourceChoice {
  if (value.scanCommitMessages && value.scanBranchNames) return 'both';
  return value.scanBranchNames ? 'branches' : 'commits';
}

/** Where deploys are linked to issues, and where the issue keys are looked for. */
export function IssueIntegrationTab({ settings, onSaved }: { settings: ProjectSettings; onSaved: () => void }) {
  const [value, setValue] = useState<Integration>(settings.issueIntegration);
  const [saved, setSaved] = useState(false);
  const change = (next: Partial<Integration>) => {
    setValue({ ...value, ...next });
    setSaved(false);
  };
  const save = useAction(async () => {
    await callResolver(KEYS.saveIssueIntegration, value, savedSchema);
    setSaved(true);
    onSaved();
  });
  const linking = value.provider !== 'none';

  return (
    <Box paddingBlockStart="space.200" testId="issue-integration-tab">
      <Stack space="space.250">
        <Heading size="small" as="h2">
          Issue integration
        </Heading>
        <Fieldset legend={<Legend>Issue integration provider</Legend>}>
          <RadioGroup
            name="issue-integration-provider"
            value={value.provider}
            options={ISSUE_INTEGRATION_PROVIDERS.map((provider) => ({
              name: 'issue-integration-provider',
              value: provider,
              label: `${ISSUE_INTEGRATION_LABELS[provider]}: ${DESCRIPTIONS[provider]}`,
              testId: `provider-${provider}`,
            }))}
            onChange={(event) => {
              const provider = ISSUE_INTEGRATION_PROVIDERS.find((p) => p === event.currentTarget.value);
              if (provider) change({ provider });
            }}
          />
        </Fieldset>
        <Fieldset legend={<Legend>Sources scanned for issue keys</Legend>}>
          <RadioGroup
            name="key-sources"
            value={sourceChoice(value)}
            options={Object.entries(SOURCES).map(([key, source]) => ({ name: 'key-sources', value: key, label: source.label, testId: `sources-${key}` }))}
            onChange={(event) => {
              const choice = Object.entries(SOURCES).find(([key]) => key === event.currentTarget.value)?.[1];
              if (choice) change({ scanCommitMessages: choice.scanCommitMessages, scanBranchNames: choice.scanBranchNames });
            }}
          />
        </Fieldset>
        <Fieldset legend={<Legend>Which keys link</Legend>}>
          <RadioGroup
            name="key-scope"
            value={value.keyScope}
            options={[
              { name: 'key-scope', value: 'this-project', label: `Only ${settings.projectKey} issues (the default)` },
              { name: 'key-scope', value: 'any-project', label: 'Issues of any project on this site' },
            ]}
            onChange={(event) => change({ keyScope: event.currentTarget.value === 'this-project' ? 'this-project' : 'any-project' })}
          />
        </Fieldset>
        {value.keyScope === 'any-project' ? (
          <Text color="color.text.subtle" testId="key-scope-note">
            {`${settings.projectKey}'s deploys will then also be listed on other projects' issues, to the people there who may browse ${settings.projectKey}. Choose it only when ${settings.projectKey} deploys other projects' work.`}
          </Text>
        ) : null}
        {!linking ? <Text color="color.text.subtle">With “None”, the sources and keys above are kept but not used.</Text> : null}
        {save.failure ? <FailureMessage title="The issue integration was not saved" failure={save.failure} /> : null}
        {saved ? <SavedNotice text="Issue integration saved. It applies to deploys synced from now on." /> : null}
        <Inline>
          <Button appearance="primary" isLoading={save.busy} onClick={() => void save.act()}>
            Save issue integration
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}
