import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Stack } from '@atlaskit/primitives/compiled';

export interface Choice {
  readonly label: string;
  readonly value: string;
}

/** An Atlaskit Select with a real <label>: typing filters, Enter picks, as in Jira. */
export function LabeledSelect({ id, label, choices, value, onChange, helper }: {
  id: string;
  label: string;
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  helper?: string;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Select<Choice>
        inputId={id}
        options={[...choices]}
        value={choices.find((c) => c.value === value) ?? null}
        onChange={(choice) => choice && onChange(choice.value)}
        testId={`select-${id}`}
      />
      {helper ? <HelperMessage>{helper}</HelperMessage> : null}
    </Stack>
  );
}
