import type { FullContext } from '@forge/bridge';
import { APP_INFO_RESOLVERS, appInfoSchema, type AppInfo } from '../../../../src/shared/contract/app-info';
import { callResolver } from '../resolvers';
import { useForgeContext } from './useForgeContext';
import { useLoaded } from './useLoaded';

export type AppInfoState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: AppInfo; readonly context: FullContext }
  | { readonly status: 'error'; readonly message: string; readonly retry?: () => void };

const loadAppInfo = () => callResolver(APP_INFO_RESOLVERS.get, {}, appInfoSchema);

/** The host context and the backend's `appInfo`, loaded together: what every page shows first. */
export function useAppInfo(): AppInfoState {
  const forge = useForgeContext();
  const { state, reload } = useLoaded(loadAppInfo);
  if (forge.status === 'error') return { status: 'error', message: forge.message };
  if (state.status === 'error') {
    const { message, hint } = state.failure;
    return { status: 'error', message: hint ? `${message} ${hint}` : message, retry: reload };
  }
  if (forge.status === 'loading' || state.status === 'loading') return { status: 'loading' };
  return { status: 'ready', info: state.data, context: forge.context };
}
