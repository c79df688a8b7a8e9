import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Stack } from '@atlaskit/primitives/compiled';
import type { Figures } from '../../../src/shared/contract/dora';

interface Choice {
  readonly label: string;
  readonly value: string;
}

const TYPE_NAMES: Readonly<Record<Figures['environments'][number]['type'], string>> = {
  production: 'production',
  staging: 'staging',
  testing: 'testing',
  development: 'development',
  unmapped: 'other',
};

/** Which environment the figures are for; Atlaskit's Select: type to filter, arrows to move, Enter to pick. */
export function EnvironmentPicker({ figures, onChange }: { readonly figures: Figures; readonly onChange: (id: string) => void }) {
  const choices: Choice[] = figures.environments.map((e) => ({ value: e.id, label: `${e.name} (${TYPE_NAMES[e.type]})` }));
  return (
    <Stack space="space.050">
      <Label htmlFor="dora-environment">Environment</Label>
      <div style={{ minWidth: 240 }}>
        <Select<Choice>
          inputId="dora-environment"
          options={choices}
          value={choices.find((c) => c.value === figures.environment?.id) ?? null}
          onChange={(choice) => choice && onChange(choice.value)}
          isSearchable
          testId="environment-select"
        />
      </div>
    </Stack>
  );
}
