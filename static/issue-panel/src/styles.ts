import type { CSSProperties } from 'react';
import { token } from '@atlaskit/tokens';

/**
 * Style objects on design tokens, applied through React's `style` (CSSOM), which Forge's CSP allows
 * where inline <style> tags are refused. Tokens switch with the host's light or dark theme.
 */
export const table: CSSProperties = {
  width: '100%',
  borderCollapse: 'collapse',
  font: token('font.body'),
  color: token('color.text'),
};

/** Wraps a table so a narrow panel scrolls it sideways instead of clipping it. */
export const scroller: CSSProperties = { overflowX: 'auto', maxWidth: '100%' };

export const headCell: CSSProperties = {
  textAlign: 'left',
  padding: `${token('space.050')} ${token('space.100')}`,
  font: token('font.body.small'),
  fontWeight: token('font.weight.semibold'),
  color: token('color.text.subtle'),
  borderBottom: `2px solid ${token('color.border')}`,
  whiteSpace: 'nowrap',
};

export const cell: CSSProperties = {
  padding: `${token('space.075')} ${token('space.100')}`,
  borderBottom: `1px solid ${token('color.border')}`,
  verticalAlign: 'middle',
};

export const nestedCell: CSSProperties = {
  padding: `${token('space.100')} ${token('space.100')} ${token('space.200')} ${token('space.200')}`,
  borderBottom: `1px solid ${token('color.border')}`,
  background: token('elevation.surface.sunken'),
};

export const subtle: CSSProperties = { color: token('color.text.subtle'), font: token('font.body.small') };

export const mono: CSSProperties = { fontFamily: token('font.family.code'), fontSize: '0.92em' };

export const truncate: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  maxWidth: '16em',
  display: 'inline-block',
  verticalAlign: 'bottom',
};

export const logBox: CSSProperties = {
  margin: 0,
  maxHeight: '18em',
  overflow: 'auto',
  padding: token('space.100'),
  borderRadius: token('radius.small'),
  background: token('color.background.neutral'),
  color: token('color.text'),
  fontFamily: token('font.family.code'),
  fontSize: '12px',
  lineHeight: '1.5',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
};
