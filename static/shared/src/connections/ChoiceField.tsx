import { Field, Fieldset, Legend } from '@atlaskit/form';
import { RadioGroup } from '@atlaskit/radio';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A small set of exclusive choices inside an Atlaskit form: arrow keys move, the legend names it. */
export function ChoiceField({ name, legend, choices, defaultValue }: { name: string; legend: string; choices: readonly Choice[]; defaultValue: string }) {
  return (
    <Fieldset legend={<Legend>{legend}</Legend>}>
      <Field<string> name={name} defaultValue={defaultValue}>
        {({ fieldProps }) => (
          <RadioGroup
            name={fieldProps.name}
            value={fieldProps.value}
            onChange={(event) => fieldProps.onChange(event.currentTarget.value)}
            options={choices.map((c) => ({ name: fieldProps.name, value: c.value, label: c.label, testId: `${name}-${c.value}` }))}
          />
        )}
      </Field>
    </Fieldset>
  );
}
