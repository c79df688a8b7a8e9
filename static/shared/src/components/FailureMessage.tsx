import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { Failure } from '../resolvers';

/** A failure with its troubleshooting hint, announced to screen readers. */
export function FailureMessage({ title, failure, children }: { title: string; failure: Failure; children?: ReactNode }) {
  return (
    <div role="alert" data-testid="problem">
      <SectionMessage appearance="error" title={title}>
        <p data-testid="problem-message">{failure.message}</p>
        {failure.hint ? <p data-testid="problem-hint">{failure.hint}</p> : null}
        {children}
      </SectionMessage>
    </div>
  );
}
