import { useAppInfo } from '../../shared/src/hooks/useAppInfo';
import { ErrorState } from '../../shared/src/components/ErrorState';
import { LoadingState } from '../../shared/src/components/LoadingState';
import { IssueDeployments } from './components/IssueDeployments';

/** The issue panel: which deploys carried this issue (filled in by later issues). */
export function App() {
  const page = useAppInfo();
  switch (page.status) {
    case 'loading':
      return <LoadingState label="Loading deployments" />;
    case 'error':
      return <ErrorState title="Deployments could not load" message={page.message} {...(page.retry ? { onRetry: page.retry } : {})} />;
    case 'ready':
      return <IssueDeployments info={page.info} context={page.context} />;
  }
}
