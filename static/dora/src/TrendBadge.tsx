import { token } from '@atlaskit/tokens';
import type { Trend } from '../../../src/shared/contract/dora';

const COLORS = {
  better: token('color.text.success'),
  worse: token('color.text.danger'),
  same: token('color.text.subtle'),
} as const;

/**
 * The move against the previous period: an arrow for up or down, the relative change, and its
 * colour by whether it is good news for this measure (the backend says which; more deploys is
 * better, a longer lead time is worse).
 */
export function TrendBadge({ trend, days, label }: { readonly trend: Trend; readonly days: number; readonly label?: string }) {
  const prefix = label ? `${label}: ` : '';
  if (trend.change === null || trend.direction === null) {
    return (
      <span data-testid="trend" data-direction="none" style={{ color: COLORS.same, font: token('font.body.small') }}>
        {prefix}no figure for the previous {days} days to compare
      </span>
    );
  }
  const percent = Math.abs(trend.change * 100);
  const shown = `${percent < 10 && percent > 0 ? percent.toFixed(1) : Math.round(percent)}%`;
  const arrow = trend.direction === 'same' ? '→' : trend.change > 0 ? '↑' : '↓';
  const moved = trend.direction === 'same' ? 'about the same' : trend.change > 0 ? `up ${shown}` : `down ${shown}`;
  const verdict = trend.direction === 'same' ? '' : `, ${trend.direction}`;
  return (
    <span
      data-testid="trend"
      data-direction={trend.direction}
      style={{ color: COLORS[trend.direction], font: token('font.body.small'), fontWeight: token('font.weight.medium') }}
    >
      {prefix}
      <span aria-hidden="true">{arrow} </span>
      {moved} against the previous {days} days{verdict}
    </span>
  );
}
