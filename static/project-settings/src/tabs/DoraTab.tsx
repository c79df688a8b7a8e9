import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, Fieldset, HelperMessage, Label, Legend } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { RadioGroup } from '@atlaskit/radio';
import TextField from '@atlaskit/textfield';
import * as z from 'zod/mini';
import {
  DORA_RESOLVERS,
  INCIDENT_TIE_LABELS,
  doraSettingsSchema,
  settingsAnswerSchema,
  type SettingsAnswer,
} from '../../../../src/shared/contract/dora';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { useLoaded } from '../../../shared/src/hooks/useLoaded';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { LoadFailure } from '../../../shared/src/components/LoadFailure';
import { LoadingState } from '../../../shared/src/components/LoadingState';
import { SavedNotice } from '../components/SavedNotice';

type Settings = SettingsAnswer['settings'];
type Tie = Settings['incidents']['tie'];

/** The form as typed: lists are comma-separated text until saved, so a half-typed entry is never lost. */
interface Draft {
  readonly incidentTypes: string;
  readonly incidentLabels: string;
  readonly incidentProjects: string;
  readonly tie: Tie;
  readonly fixTypes: string;
  readonly fixLabels: string;
  readonly fixBranches: string;
  readonly defaultEnvironment: string;
}
type FieldName = Exclude<keyof Draft, 'tie'>;

/** Where each setting sits in the contract, so a schema issue lands under its own field. */
const FIELD_OF_PATH: Readonly<Record<string, FieldName>> = {
  'incidents.issueTypes': 'incidentTypes',
  'incidents.labels': 'incidentLabels',
  'incidents.projectKeys': 'incidentProjects',
  'fixes.issueTypes': 'fixTypes',
  'fixes.labels': 'fixLabels',
  'fixes.branchPatterns': 'fixBranches',
  defaultEnvironmentId: 'defaultEnvironment',
};

const TIES = Object.keys(INCIDENT_TIE_LABELS).filter((tie): tie is Tie => tie in INCIDENT_TIE_LABELS);

function draftOf(settings: Settings): Draft {
  return {
    incidentTypes: settings.incidents.issueTypes.join(', '),
    incidentLabels: settings.incidents.labels.join(', '),
    incidentProjects: settings.incidents.projectKeys.join(', '),
    tie: settings.incidents.tie,
    fixTypes: settings.fixes.issueTypes.join(', '),
    fixLabels: settings.fixes.labels.join(', '),
    fixBranches: settings.fixes.branchPatterns.join(', '),
    defaultEnvironment: settings.defaultEnvironmentId ?? '',
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function candidateOf(draft: Draft): unknown {
  const environment = draft.defaultEnvironment.trim();
  return {
    incidents: { issueTypes: list(draft.incidentTypes), labels: list(draft.incidentLabels), projectKeys: list(draft.incidentProjects), tie: draft.tie },
    fixes: { issueTypes: list(draft.fixTypes), labels: list(draft.fixLabels), branchPatterns: list(draft.fixBranches) },
    defaultEnvironmentId: environment === '' ? null : environment,
  };
}

type Errors = Partial<Record<FieldName, string>>;

/** The contract's own check, run before saving, with each problem said under the field it belongs to. */
function validate(draft: Draft): { settings: Settings; errors?: undefined } | { settings?: undefined; errors: Errors } {
  const candidate = candidateOf(draft);
  const parsed = z.safeParse(doraSettingsSchema, candidate);
  if (parsed.success) return { settings: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const at = issue.path.filter((p): p is string => typeof p === 'string').join('.');
    const field = FIELD_OF_PATH[at];
    if (!field || errors[field]) continue;
    const index = issue.path.find((p): p is number => typeof p === 'number');
    const item = index === undefined ? undefined : list(draft[field])[index];
    const message = issue.code === 'too_big' && index === undefined ? `at most ${String(issue['maximum'])} entries` : issue.message;
    errors[field] = item === undefined ? `This list has ${message}.` : `“${item}” ${message.startsWith('Too') ? `is not valid: ${message}` : message}.`;
  }
  return { errors };
}

function ListField({ id, label, helper, value, error, disabled, onChange }: {
  id: FieldName;
  label: string;
  helper: string;
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const messageId = `dora-${id}-message`;
  return (
    <Stack space="space.050">
      <Label htmlFor={`dora-${id}`}>{label}</Label>
      <TextField
        id={`dora-${id}`}
        value={value}
        isInvalid={Boolean(error)}
        isDisabled={disabled}
        aria-describedby={messageId}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.currentTarget.value)}
        testId={`dora-input-${id}`}
      />
      <div id={messageId}>{error ? <ErrorMessage testId={`dora-error-${id}`}>{error}</ErrorMessage> : <HelperMessage>{helper}</HelperMessage>}</div>
    </Stack>
  );
}

function DoraForm({ answer }: { answer: SettingsAnswer }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(answer.settings));
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const readOnly = !answer.canEdit;
  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
    setErrors((shown) => Object.fromEntries(Object.entries(shown).filter(([field]) => !(field in next))));
  };
  const save = useAction(async (settings: Settings) => {
    await callResolver(DORA_RESOLVERS.saveSettings, { settings }, settingsAnswerSchema);
    setSaved(true);
  });
  const submit = () => {
    const checked = validate(draft);
    setErrors(checked.errors ?? {});
    if (checked.settings) void save.act(checked.settings);
  };
  const field = (id: FieldName, label: string, helper: string) => (
    <ListField id={id} label={label} helper={helper} value={draft[id]} error={errors[id]} disabled={readOnly} onChange={(value) => change({ [id]: value })} />
  );

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack space="space.250">
        {readOnly ? <Text color="color.text.subtle">Only project admins can change these settings.</Text> : null}
        <Fieldset legend={<Legend>Which issues are incidents</Legend>}>
          <Stack space="space.150">
            {field('incidentTypes', 'Issue types', 'Comma-separated, e.g. Incident. Compared without case.')}
            {field('incidentLabels', 'Labels', 'Comma-separated, no spaces within a label, e.g. incident, outage.')}
            {field('incidentProjects', 'Incident projects', 'Comma-separated project keys whose every issue is an incident, e.g. a Jira Service Management project such as OPS.')}
          </Stack>
        </Fieldset>
        <Fieldset legend={<Legend>How an incident is tied to a deploy</Legend>}>
          <RadioGroup
            name="dora-incident-tie"
            value={draft.tie}
            isDisabled={readOnly}
            options={TIES.map((tie) => ({ name: 'dora-incident-tie', value: tie, label: INCIDENT_TIE_LABELS[tie], testId: `dora-tie-${tie}` }))}
            onChange={(event) => {
              const tie = TIES.find((t) => t === event.currentTarget.value);
              if (tie) change({ tie });
            }}
          />
          <HelperMessage>Each incident counts once, against one deploy. A tie is kept once made: changing this rule applies to new incidents only.</HelperMessage>
        </Fieldset>
        <Fieldset legend={<Legend>Which deploys are unplanned fixes (rework rate)</Legend>}>
          <Stack space="space.150">
            {field('fixTypes', 'Issue types', 'A deploy carrying an issue of one of these types, e.g. Bug.')}
            {field('fixLabels', 'Labels', 'Or an issue with one of these labels, e.g. hotfix.')}
            {field('fixBranches', 'Branch patterns', 'Or a branch matching one of these patterns, e.g. hotfix/*.')}
          </Stack>
        </Fieldset>
        {field('defaultEnvironment', 'Default environment', 'The environment id the DORA page opens on; leave empty for the first production environment.')}
        {save.failure ? <FailureMessage title="The DORA settings were not saved" failure={save.failure} /> : null}
        {saved ? <SavedNotice text="DORA settings saved. The figures use them from the next sync." /> : null}
        {readOnly ? null : (
          <Inline>
            <Button type="submit" appearance="primary" isLoading={save.busy} testId="dora-save">
              Save DORA settings
            </Button>
          </Inline>
        )}
      </Stack>
    </form>
  );
}

const loadSettings = () => callResolver(DORA_RESOLVERS.settings, {}, settingsAnswerSchema);

/** What counts for the DORA page: which issues are incidents, how they tie to deploys, which deploys are fixes. */
export function DoraTab() {
  const { state, reload } = useLoaded(loadSettings);
  return (
    <Box paddingBlockStart="space.200" testId="dora-tab">
      <Stack space="space.200">
        <Heading size="small" as="h2">
          DORA metrics
        </Heading>
        <Text color="color.text.subtle">What the project’s DORA page counts as an incident and as an unplanned fix.</Text>
        {state.status === 'loading' ? <LoadingState label="Loading the DORA settings" /> : null}
        {state.status === 'error' ? (
          <LoadFailure title="The DORA settings could not load" failure={state.failure} onRetry={reload} />
        ) : null}
        {state.status === 'ready' ? (
          // The form keeps what was typed across a save: what was saved is what it shows.
          <DoraForm answer={state.data} />
        ) : null}
      </Stack>
    </Box>
  );
}
