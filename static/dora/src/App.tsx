import { lazy, Suspense } from 'react';
import { ErrorState } from '../../shared/src/components/ErrorState';
import { LoadingState } from '../../shared/src/components/LoadingState';
import { useForgeContext } from '../../shared/src/hooks/useForgeContext';

// The page's controls and cards load after the first paint, keeping the first download within budget.
const DoraPage = lazy(() => import('./DoraPage').then((m) => ({ default: m.DoraPage })));

/** The jira:projectPage: the host's theme first (so dark mode never flashes light), then the figures. */
export function App() {
  const forge = useForgeContext();
  switch (forge.status) {
    case 'loading':
      return <LoadingState label="Loading the DORA metrics" />;
    case 'error':
      return <ErrorState title="The DORA metrics could not load" message={forge.message} />;
    case 'ready':
      return (
        <Suspense fallback={<LoadingState label="Loading the DORA metrics" />}>
          <DoraPage />
        </Suspense>
      );
  }
}
