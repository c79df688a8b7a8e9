import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import type { BuildState } from '../../../../src/domain/build';
import type { DeployState } from '../../../../src/domain/deploy';

type State = DeployState | BuildState;

/** Jira's colours for deployment and build states. */
const LOOK: Record<State, { appearance: ThemeAppearance; label: string }> = {
  successful: { appearance: 'success', label: 'Successful' },
  failed: { appearance: 'removed', label: 'Failed' },
  in_progress: { appearance: 'inprogress', label: 'In progress' },
  pending: { appearance: 'new', label: 'Pending' },
  cancelled: { appearance: 'default', label: 'Cancelled' },
  rolled_back: { appearance: 'moved', label: 'Rolled back' },
  unknown: { appearance: 'default', label: 'Unknown' },
};

export function StateLozenge({ state, testId }: { readonly state: State; readonly testId?: string }) {
  const look = LOOK[state];
  return (
    <Lozenge appearance={look.appearance} {...(testId ? { testId } : {})}>
      {look.label}
    </Lozenge>
  );
}
