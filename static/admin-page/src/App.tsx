import { lazy, Suspense } from 'react';
import { useAppInfo } from '../../shared/src/hooks/useAppInfo';
import { ErrorState } from '../../shared/src/components/ErrorState';
import { LoadingState } from '../../shared/src/components/LoadingState';

// Everything past the loading and error states (forms, tables, dialogs) loads after the first
// paint: with it the page would download more than its 200 KB budget before showing anything.
const AdminPage = lazy(() => import('./AdminPage').then((m) => ({ default: m.AdminPage })));

/** The site admin page: the CI servers this site reads builds from. */
export function App() {
  const page = useAppInfo();
  switch (page.status) {
    case 'loading':
      return <LoadingState label="Loading CI connections" />;
    case 'error':
      return <ErrorState title="CI connections could not load" message={page.message} {...(page.retry ? { onRetry: page.retry } : {})} />;
    case 'ready':
      return (
        <Suspense fallback={<LoadingState label="Loading CI connections" />}>
          <AdminPage info={page.info} context={page.context} />
        </Suspense>
      );
  }
}
