import type { FullContext } from '@forge/bridge';
import { parseAppInfo, type AppInfo } from '../contract/app-info';
import { useForgeContext } from './useForgeContext';
import { useResolver } from './useResolver';

export type AppInfoState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AppInfo; readonly context: FullContext }
  | { readonly status: 'error'; readonly message: string; readonly retry?: () => void };

/** The host context and the backend's `appInfo`, loaded together: what every page shows first. */
export function useAppInfo(): AppInfoState {
  const forge = useForgeContext();
  const { state, reload } = useResolver('appInfo', parseAppInfo);
  if (forge.status === 'error') return { status: 'error', message: forge.message };
  if (state.status === 'error') return { status: 'error', message: state.message, retry: reload };
  if (forge.status === 'loading' || state.status === 'loading') return { status: 'loading' };
  return { status: 'ready', info: state.data, context: forge.context };
}
