import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { Problem } from './api';

/** A failure with its troubleshooting hint, announced to screen readers. */
export function ProblemMessage({ title, problem, children }: { title: string; problem: Problem; children?: ReactNode }) {
  return (
    <div role="alert" data-testid="problem">
      <SectionMessage appearance="error" title={title}>
        <p data-testid="problem-message">{problem.message}</p>
        {problem.hint ? <p data-testid="problem-hint">{problem.hint}</p> : null}
        {children}
      </SectionMessage>
    </div>
  );
}
