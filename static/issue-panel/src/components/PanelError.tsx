import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { Failure } from '../../../shared/src/resolvers';

/** What failed and what to do about it, from the backend's typed failure: never a stack. */
export function PanelError({
  title,
  failure,
  onRetry,
  testId = 'error-state',
}: {
  readonly title: string;
  readonly failure: Failure;
  readonly onRetry?: () => void;
  readonly testId?: string;
}) {
  return (
    <div role="alert" data-testid={testId}>
      <SectionMessage appearance="error" title={title}>
        <p>{failure.message}</p>
        {failure.hint ? <p data-testid="error-hint">{failure.hint}</p> : null}
        {onRetry ? (
          <p>
            <Button onClick={onRetry}>Try again</Button>
          </p>
        ) : null}
      </SectionMessage>
    </div>
  );
}
