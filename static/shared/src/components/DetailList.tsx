import type { ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

export interface Detail {
  readonly label: string;
  readonly value: ReactNode;
}

const listStyle = {
  display: 'grid',
  gridTemplateColumns: 'max-content 1fr',
  columnGap: token('space.300'),
  rowGap: token('space.100'),
  margin: 0,
  padding: 0,
  font: token('font.body'),
} as const;
const termStyle = { margin: 0, color: token('color.text.subtle'), fontWeight: token('font.weight.medium') } as const;
const valueStyle = { margin: 0, color: token('color.text') } as const;

/** A label / value list, the way Jira lays out an issue's details. */
export function DetailList({ details, testId }: { readonly details: readonly Detail[]; readonly testId?: string }) {
  return (
    <dl style={listStyle} data-testid={testId}>
      {details.map((detail) => (
        <div key={detail.label} style={{ display: 'contents' }}>
          <dt style={termStyle}>{detail.label}</dt>
          <dd style={valueStyle}>{detail.value}</dd>
        </div>
      ))}
    </dl>
  );
}
