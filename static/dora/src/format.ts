/** How the page writes the measures' numbers: short, with their unit, the same on cards, charts and trends. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}

/** Seconds as minutes, hours or days, whichever reads best. */
export function formatDuration(seconds: number): string {
  if (seconds < HOUR) return `${Math.max(1, Math.round(seconds / MINUTE))} min`;
  if (seconds < 2 * DAY) return `${round(seconds / HOUR)} h`;
  return `${round(seconds / DAY)} d`;
}

/** A share 0..1 as a percentage. */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent > 0 && percent < 1 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** Deploys per day or per week. */
export function formatRate(perDay: number): string {
  return perDay === 0 ? '0' : perDay < 0.1 ? perDay.toFixed(2) : round(perDay);
}

/** The unit a chart's axis uses for durations, picked from the largest value so the ticks stay readable. */
export function durationUnit(maxSeconds: number): { readonly label: string; readonly seconds: number } {
  if (maxSeconds >= 2 * DAY) return { label: 'days', seconds: DAY };
  if (maxSeconds >= 2 * HOUR) return { label: 'hours', seconds: HOUR };
  return { label: 'minutes', seconds: MINUTE };
}
