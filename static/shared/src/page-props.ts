import type { FullContext } from '@forge/bridge';
import type { AppInfo } from '../../../src/shared/contract/app-info';

/** What every page gets once loaded (static/shared/src/hooks/useAppInfo.ts). */
export interface PageProps {
  /** What the backend resolver saw (its context comes from Forge, not from this page). */
  readonly info: AppInfo;
  /** What `view.getContext()` returned to this page. */
  readonly context: FullContext;
}
