import type { BuildState } from '../../../src/domain/build';
import type { DeployState } from '../../../src/domain/deploy';
import type { EnvironmentType } from '../../../src/domain/environment';

/** Atlaskit lozenge appearances the pages use. */
export type LozengeLook = 'success' | 'removed' | 'inprogress' | 'new' | 'default' | 'moved';

/**
 * How every page names and colours a run's state: Jira's words in sentence case (Atlaskit's
 * lozenge no longer upper-cases its text) and the colours Jira's Development panel uses.
 */
export const STATE_LOOK: Readonly<Record<DeployState | BuildState, { readonly appearance: LozengeLook; readonly label: string }>> = {
  successful: { appearance: 'success', label: 'Successful' },
  failed: { appearance: 'removed', label: 'Failed' },
  in_progress: { appearance: 'inprogress', label: 'In progress' },
  pending: { appearance: 'new', label: 'Pending' },
  cancelled: { appearance: 'default', label: 'Cancelled' },
  rolled_back: { appearance: 'moved', label: 'Rolled back' },
  unknown: { appearance: 'default', label: 'Unknown' },
};

/** Jira's environment types as its Deployments pages name them; `unmapped` is what Jira shows as "Other". */
export const ENVIRONMENT_TYPE_LOOK: Readonly<Record<EnvironmentType, { readonly appearance: LozengeLook; readonly label: string }>> = {
  production: { appearance: 'success', label: 'Production' },
  staging: { appearance: 'inprogress', label: 'Staging' },
  testing: { appearance: 'new', label: 'Testing' },
  development: { appearance: 'default', label: 'Development' },
  unmapped: { appearance: 'default', label: 'Other' },
};

/** A pushed-only connection is never polled: whether its CI has sent anything yet is all there is to say. */
export function pushedOnlyLook(hasStored: boolean): { readonly appearance: LozengeLook; readonly label: string } {
  return hasStored ? { appearance: 'success', label: 'Builds arriving' } : { appearance: 'default', label: 'Waiting for its first build' };
}
