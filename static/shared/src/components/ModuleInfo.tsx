import type { FullContext } from '@forge/bridge';
import Lozenge from '@atlaskit/lozenge';
import type { AppInfo } from '../../../../src/shared/contract/app-info';
import { DetailList, type Detail } from './DetailList';

export interface ModuleInfoProps {
  /** What the backend resolver saw (its context comes from Forge, not from this page). */
  readonly info: AppInfo;
  /** What `view.getContext()` returned to this page. */
  readonly context: FullContext;
}

/** Where this module runs and for whom, as the backend and the host both report it. */
export function ModuleInfo({ info, context }: ModuleInfoProps) {
  const details: Detail[] = [{ label: 'Module', value: <Lozenge appearance="inprogress">{info.module}</Lozenge> }];
  if (info.issueKey) details.push({ label: 'Issue', value: <span data-testid="issue-key">{info.issueKey}</span> });
  if (info.projectKey) details.push({ label: 'Project', value: <span data-testid="project-key">{info.projectKey}</span> });
  details.push({ label: 'Signed in as', value: <span data-testid="account-id">{context.accountId ?? 'anonymous'}</span> });
  return <DetailList details={details} testId="module-info" />;
}
