import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';

export interface ErrorStateProps {
  readonly title: string;
  /** Already made safe for a person to read (see `messageOf`): never a stack. */
  readonly message: string;
  readonly onRetry?: () => void;
}

export function ErrorState({ title, message, onRetry }: ErrorStateProps) {
  return (
    <div role="alert" data-testid="error-state">
      <SectionMessage appearance="error" title={title}>
        <p>{message}</p>
        {onRetry ? (
          <p>
            <Button appearance="default" onClick={onRetry}>
              Try again
            </Button>
          </p>
        ) : null}
      </SectionMessage>
    </div>
  );
}
