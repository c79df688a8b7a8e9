import { useAppInfo } from '../../shared/src/hooks/useAppInfo';
import { ErrorState } from '../../shared/src/components/ErrorState';
import { LoadingState } from '../../shared/src/components/LoadingState';
import { ProjectSettings } from './components/ProjectSettings';

/** Project settings: which CI pipelines deploy this project (filled in by later issues). */
export function App() {
  const page = useAppInfo();
  switch (page.status) {
    case 'loading':
      return <LoadingState label="Loading project settings" />;
    case 'error':
      return <ErrorState title="Project settings could not load" message={page.message} {...(page.retry ? { onRetry: page.retry } : {})} />;
    case 'ready':
      return <ProjectSettings info={page.info} context={page.context} />;
  }
}
