import { useForgeContext } from '../../shared/src/hooks/useForgeContext';
import { NotConfigured } from './components/EmptyPanel';
import { Deployments } from './components/Deployments';
import { PanelError } from './components/PanelError';
import { PanelSkeleton } from './components/PanelSkeleton';
import { usePanel } from './hooks/usePanel';

const CONTEXT_HINT = 'Reload the page. If it keeps failing, the app cannot reach Jira from this browser.';

/** The issue panel: where this issue shipped, and what state its builds were in. */
export function App() {
  // The theme comes with the context; the panel's data is asked for at the same time.
  const forge = useForgeContext();
  const { state, retry, older, loadOlder } = usePanel();
  if (forge.status === 'error') {
    return <PanelError title="Deployments could not load" failure={{ name: 'Context', message: forge.message, hint: CONTEXT_HINT }} />;
  }
  if (forge.status === 'loading' || state.status === 'loading') return <PanelSkeleton />;
  if (state.status === 'error') return <PanelError title="Deployments could not load" failure={state.failure} onRetry={retry} />;
  const view = state.data;
  if (view.status === 'not-configured') return <NotConfigured projectKey={view.projectKey} canConfigure={view.canConfigure} />;
  return <Deployments view={view} older={older} onLoadOlder={loadOlder} />;
}
