import Lozenge from '@atlaskit/lozenge';
import type { BuildState } from '../../../../src/domain/build';
import type { DeployState } from '../../../../src/domain/deploy';
import type { EnvironmentType } from '../../../../src/domain/environment';
import { ENVIRONMENT_TYPE_LOOK, STATE_LOOK } from '../labels';

const testIdProp = (testId: string | undefined) => (testId ? { testId } : {});

/** A deploy's or build's state, named and coloured as every page names it. */
export function StateLozenge({ state, testId }: { readonly state: DeployState | BuildState; readonly testId?: string }) {
  const look = STATE_LOOK[state];
  return (
    <Lozenge appearance={look.appearance} {...testIdProp(testId)}>
      {look.label}
    </Lozenge>
  );
}

/** One of Jira's environment types. */
export function EnvironmentTypeLozenge({ type, testId }: { readonly type: EnvironmentType; readonly testId?: string }) {
  const look = ENVIRONMENT_TYPE_LOOK[type];
  return (
    <Lozenge appearance={look.appearance} {...testIdProp(testId)}>
      {look.label}
    </Lozenge>
  );
}
