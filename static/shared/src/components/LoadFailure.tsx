import Button from '@atlaskit/button/new';
import type { Failure } from '../resolvers';
import { FailureMessage } from './FailureMessage';

/** What a view shows when its data could not load: the failure with its hint, and a way to try again. */
export function LoadFailure({ title, failure, onRetry }: { title: string; failure: Failure; onRetry: () => void }) {
  return (
    <FailureMessage title={title} failure={failure}>
      <p>
        <Button onClick={onRetry}>Try again</Button>
      </p>
    </FailureMessage>
  );
}
