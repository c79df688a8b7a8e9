import { useEffect, useState } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { CreatableSelect } from '@atlaskit/select';
import { Stack } from '@atlaskit/primitives/compiled';
import { jobListSchema, PROJECT_SETTINGS_RESOLVERS as KEYS } from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { jobName } from '../../../shared/src/dates';

interface Option {
  readonly label: string;
  readonly value: string;
}

export type JobList = { status: 'loading' } | { status: 'ready'; ids: string[] } | { status: 'unavailable' };

/** The jobs a connection's CI lists, for the pickers; unavailable when the server cannot list them now. */
export function useJobList(connectionId: string): JobList {
  const [list, setList] = useState<JobList>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    if (!connectionId) {
      setList({ status: 'unavailable' });
      return;
    }
    setList({ status: 'loading' });
    callResolver(KEYS.listJobs, { connectionId }, jobListSchema).then(
      (answer) => !cancelled && setList({ status: 'ready', ids: answer.jobs.map((j) => j.id) }),
      () => !cancelled && setList({ status: 'unavailable' }),
    );
    return () => {
      cancelled = true;
    };
  }, [connectionId]);
  return list;
}

const option = (id: string): Option => ({ label: jobName(id), value: id });

/**
 * Jobs from the CI's own list, with names shown decoded; a glob or a name the list lacks can still
 * be typed (Enter adds it). Typing filters, arrows move, Enter picks, Escape closes, as in Jira.
 */
export function JobPicker({ id, label, jobs, value, onChange, helper, error, isMulti = false }: {
  id: string;
  label: string;
  jobs: JobList;
  value: readonly string[];
  onChange: (value: string[]) => void;
  helper?: string;
  error?: string | null;
  isMulti?: boolean;
}) {
  const [typed, setTyped] = useState('');
  const options = jobs.status === 'ready' ? jobs.ids.map(option) : [];
  const selected = value.map(option);
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <CreatableSelect<Option, boolean>
        inputId={id}
        isMulti={isMulti}
        isClearable
        isLoading={jobs.status === 'loading'}
        options={options}
        value={isMulti ? selected : (selected[0] ?? null)}
        onChange={(picked) => {
          const list: readonly Option[] = picked === null ? [] : Array.isArray(picked) ? picked : [picked as Option];
          onChange(list.map((o) => o.value));
        }}
        formatCreateLabel={(text) => `Use “${text}”`}
        inputValue={typed}
        onInputChange={(text, meta) => {
          if (meta.action === 'input-change') setTyped(text);
          if (meta.action === 'set-value') setTyped('');
        }}
        // A name typed and left (Tab, a click elsewhere) counts as entered, as in a text field.
        onBlur={() => {
          const text = typed.trim();
          if (text === '') return;
          setTyped('');
          onChange(isMulti ? [...value.filter((v) => v !== text), text] : [text]);
        }}
        placeholder={jobs.status === 'ready' ? 'Pick a job or type a glob such as deploy-*' : 'Type a job name or a glob such as deploy-*'}
        isInvalid={Boolean(error)}
        testId={`select-${id}`}
      />
      {helper ? <HelperMessage>{helper}</HelperMessage> : null}
      {error ? <ErrorMessage testId={`error-${id}`}>{error}</ErrorMessage> : null}
    </Stack>
  );
}
