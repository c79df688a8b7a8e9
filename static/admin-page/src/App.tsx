import { useAppInfo } from '../../shared/src/hooks/useAppInfo';
import { ErrorState } from '../../shared/src/components/ErrorState';
import { LoadingState } from '../../shared/src/components/LoadingState';
import { CiConnections } from './components/CiConnections';

/** The site admin page: the CI servers this site reads builds from (filled in by later issues). */
export function App() {
  const page = useAppInfo();
  switch (page.status) {
    case 'loading':
      return <LoadingState label="Loading CI connections" />;
    case 'error':
      return <ErrorState title="CI connections could not load" message={page.message} {...(page.retry ? { onRetry: page.retry } : {})} />;
    case 'ready':
      return <CiConnections info={page.info} context={page.context} />;
  }
}
