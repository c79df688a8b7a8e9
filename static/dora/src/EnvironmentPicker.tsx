import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Stack } from '@atlaskit/primitives/compiled';
import type { Figures } from '../../../src/shared/contract/dora';
import { ENVIRONMENT_TYPE_LOOK } from '../../shared/src/labels';

interface Choice {
  readonly label: string;
  readonly value: string;
}

/** "prod-eu (Production)"; just "Production" when the name says the type already. */
function labelOf(environment: Figures['environments'][number]): string {
  const type = ENVIRONMENT_TYPE_LOOK[environment.type].label;
  return environment.name.toLowerCase() === type.toLowerCase() ? type : `${environment.name} (${type})`;
}

/** Which environment the figures are for; Atlaskit's Select: type to filter, arrows to move, Enter to pick. */
export function EnvironmentPicker({ figures, onChange }: { readonly figures: Figures; readonly onChange: (id: string) => void }) {
  const choices: Choice[] = figures.environments.map((e) => ({ value: e.id, label: labelOf(e) }));
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
