import { lazy, Suspense } from 'react';
import { useAppInfo } from '../../shared/src/hooks/useAppInfo';
import { ErrorState } from '../../shared/src/components/ErrorState';
import { LoadingState } from '../../shared/src/components/LoadingState';

// Tabs, forms and dialogs load after the first paint, keeping the first download within budget.
const ProjectSettings = lazy(() => import('./components/ProjectSettings').then((m) => ({ default: m.ProjectSettings })));

/** Project settings: connections, default build server, deploy sources, issue integration, sync. */
export function App() {
  const page = useAppInfo();
  switch (page.status) {
    case 'loading':
      return <LoadingState label="Loading project settings" />;
    case 'error':
      return <ErrorState title="Project settings could not load" message={page.message} {...(page.retry ? { onRetry: page.retry } : {})} />;
    case 'ready':
      return (
        <Suspense fallback={<LoadingState label="Loading project settings" />}>
          <ProjectSettings info={page.info} context={page.context} />
        </Suspense>
      );
  }
}
