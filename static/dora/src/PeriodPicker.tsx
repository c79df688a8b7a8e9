import { useRef, type KeyboardEvent } from 'react';
import { token } from '@atlaskit/tokens';
import { PERIOD_DAYS, type PeriodDays } from '../../../src/shared/contract/dora';

const groupStyle = {
  display: 'inline-flex',
  border: `1px solid ${token('color.border.input')}`,
  borderRadius: token('radius.medium'),
  overflow: 'hidden',
} as const;

function segmentStyle(selected: boolean) {
  return {
    border: 'none',
    padding: `${token('space.075')} ${token('space.200')}`,
    font: token('font.body'),
    fontWeight: token('font.weight.medium'),
    cursor: 'pointer',
    color: selected ? token('color.text.selected') : token('color.text'),
    background: selected ? token('color.background.selected') : token('color.background.neutral.subtle'),
  } as const;
}

/**
 * A segmented control for the period, as a WAI-ARIA radio group: Tab reaches the chosen period,
 * arrow keys (and Home/End) move and choose, as native radio buttons do; Enter and Space choose too.
 */
export function PeriodPicker({ value, onChange }: { readonly value: PeriodDays; readonly onChange: (days: PeriodDays) => void }) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const choose = (index: number) => {
    const count = PERIOD_DAYS.length;
    const at = ((index % count) + count) % count;
    const days = PERIOD_DAYS[at];
    if (days === undefined) return;
    onChange(days);
    buttons.current[at]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: PERIOD_DAYS.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    choose(next);
  };
  return (
    <div role="radiogroup" aria-label="Period" style={groupStyle} data-testid="period-picker">
      {PERIOD_DAYS.map((days, index) => {
        const selected = days === value;
        return (
          <button
            key={days}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            role="radio"
            aria-checked={selected}
            tabIndex={selected ? 0 : -1}
            style={segmentStyle(selected)}
            onClick={() => choose(index)}
            onKeyDown={(event) => onKeyDown(event, index)}
            data-testid={`period-${days}`}
          >
            {days} days
          </button>
        );
      })}
    </div>
  );
}
