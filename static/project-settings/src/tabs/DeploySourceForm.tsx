import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import { parseParameterCondition } from '../../../../src/domain/deploy-source';
import { ENVIRONMENT_TYPES } from '../../../../src/domain/environment';
import {
  PROJECT_SETTINGS_RESOLVERS as KEYS,
  previewSchema,
  type DeploySourceInput,
  type Preview,
  type ProjectSettings,
} from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { FormColumn } from '../../../shared/src/components/FormColumn';
import { PROVIDER_LABELS } from '../../../shared/src/connections/ProviderFields';
import { ENVIRONMENT_TYPE_LOOK } from '../../../shared/src/labels';
import { LabeledSelect } from '../components/LabeledSelect';
import { TextInput } from '../components/TextInput';
import { JobPicker, useJobList } from '../components/JobPicker';

import { DeployPreview } from './DeployPreview';
import Heading from '@atlaskit/heading';

type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

function isEnvironmentType(value: string): value is EnvironmentType {
  return ENVIRONMENT_TYPES.some((t) => t === value);
}

export interface DeploySourceFormProps {
  readonly settings: ProjectSettings;
  readonly initial: DeploySourceInput | undefined;
  readonly onSave: (source: DeploySourceInput) => Promise<void>;
  readonly onCancel: () => void;
}

/** One job-to-environment mapping, with a preview of the runs it would count before it is saved. */
export function DeploySourceForm({ settings, initial, onSave, onCancel }: DeploySourceFormProps) {
  const [connectionId, setConnectionId] = useState(initial?.connectionId ?? settings.defaultConnectionId ?? settings.connections[0]?.id ?? '');
  const [job, setJob] = useState(initial?.job ?? '');
  const [branch, setBranch] = useState(initial?.branch ?? '');
  const [condition, setCondition] = useState(initial?.parameterCondition ?? '');
  const [environmentName, setEnvironmentName] = useState(initial?.environmentName ?? '');
  const [environmentType, setEnvironmentType] = useState<EnvironmentType>(initial?.environmentType ?? 'production');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [errors, setErrors] = useState<{ job?: string | undefined; condition?: string | undefined; environment?: string | undefined }>({});
  /** A field's error goes as soon as it is edited. */
  const clearingError = (field: 'condition' | 'environment', set: (value: string) => void) => (value: string) => {
    set(value);
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const jobs = useJobList(connectionId);
  const isJenkins = settings.connections.find((c) => c.id === connectionId)?.kind === 'jenkins';

  const source = (): DeploySourceInput => ({
    ...(initial?.id ? { id: initial.id } : {}),
    connectionId,
    job,
    environmentName,
    environmentType,
    ...(branch.trim() ? { branch } : {}),
    ...(isJenkins && condition.trim() ? { parameterCondition: condition } : {}),
  });
  /** Inline, next to the field, before anything is sent: no browser tooltip, no far-away banner. */
  const checked = (needsEnvironment: boolean): boolean => {
    // The backend checks the condition again with the same parser (src/domain/deploy-source.ts).
    const parsed = isJenkins && condition.trim() ? parseParameterCondition(condition) : null;
    const next = {
      ...(job.trim() ? {} : { job: 'Pick the job or pipeline that deploys, or type a glob such as deploy-*' }),
      ...(parsed && 'problem' in parsed ? { condition: parsed.problem } : {}),
      ...(needsEnvironment && !environmentName.trim() ? { environment: 'Name the environment, e.g. production' } : {}),
    };
    setErrors(next);
    return Object.keys(next).length === 0;
  };
  const runPreview = useAction(async () => {
    if (checked(false)) setPreview(await callResolver(KEYS.previewDeploySource, { source: { ...source(), environmentName: environmentName.trim() || 'preview' } }, previewSchema));
  });
  const save = useAction(async () => {
    if (checked(true)) await onSave(source());
  });

  return (
    <FormColumn>
      <Stack space="space.150" testId="deploy-source-form">
        <Heading size="small" as="h3">
          {initial ? 'Edit deploy source' : 'Add deploy source'}
        </Heading>
        <LabeledSelect
          id="deploy-connection"
          label="Connection"
          choices={settings.connections.map((c) => ({ label: `${c.name} (${PROVIDER_LABELS[c.kind]})`, value: c.id }))}
          value={connectionId}
          onChange={(value) => {
            setConnectionId(value);
            setPreview(null);
          }}
        />
        <JobPicker
          id="deploy-job"
          label="Job or pipeline"
          jobs={jobs}
          value={job ? [job] : []}
          onChange={(value) => {
            setJob(value[0] ?? '');
            setPreview(null);
            setErrors((e) => ({ ...e, job: undefined }));
          }}
          error={errors.job ?? null}
          helper="Pick from the jobs the server lists (Jenkins: folder/job), or type a glob such as deploy-*."
        />
        <TextInput id="deploy-branch" label="Branch filter" value={branch} onChange={setBranch} placeholder="Any branch" helper="Only runs on these branches count, e.g. main or release/*." />
        {isJenkins ? (
          <TextInput
            id="deploy-condition"
            label="Jenkins parameter condition"
            value={condition}
            onChange={clearingError('condition', setCondition)}
            error={errors.condition ?? null}
            placeholder="ENV=prod"
            helper="Only runs whose build parameters match count: NAME=value or NAME!=value, several separated by commas."
          />
        ) : null}
        <TextInput
          id="deploy-environment"
          label="Environment name"
          value={environmentName}
          onChange={clearingError('environment', setEnvironmentName)}
          placeholder="production"
          error={errors.environment ?? null}
        />
        <LabeledSelect
          id="deploy-environment-type"
          label="Environment type"
          choices={ENVIRONMENT_TYPES.map((t) => ({ label: ENVIRONMENT_TYPE_LOOK[t].label, value: t }))}
          value={environmentType}
          onChange={(value) => isEnvironmentType(value) && setEnvironmentType(value)}
          helper="Jira's environment types; production deploys are listed first."
        />
        {runPreview.failure ? <FailureMessage title="No preview" failure={runPreview.failure} /> : null}
        {preview ? <DeployPreview preview={preview} onUseSuggestion={(id) => {
          setJob(id);
          setPreview(null);
        }} /> : null}
        {save.failure ? <FailureMessage title="The deploy source was not saved" failure={save.failure} /> : null}
        <Inline space="space.100">
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
          <Button isLoading={runPreview.busy} onClick={() => void runPreview.act()}>
            Preview runs
          </Button>
          <Button appearance="primary" isLoading={save.busy} onClick={() => void save.act()}>
            Save deploy source
          </Button>
        </Inline>
      </Stack>
    </FormColumn>
  );
}
