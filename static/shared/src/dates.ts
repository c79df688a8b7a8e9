/**
 * The one home for dates on every page. They follow the viewer's locale as Jira's profile sets it
 * (the Forge context's `locale`, set once by useForgeContext), the browser's until that arrives,
 * and the viewer's time zone: medium date and short time, so "Dec 5, 2026, 10:05 AM" or
 * "5 déc. 2026, 10:05".
 */
let locale: string | undefined;

/** Jira sends `en_US`; Intl wants `en-US`. Anything Intl rejects falls back to the browser's locale. */
export function setLocale(tag: string | undefined): void {
  try {
    locale = tag ? Intl.getCanonicalLocales(tag.replace('_', '-'))[0] : undefined;
  } catch {
    locale = undefined;
  }
}

function parsed(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Dec 5, 2026, 10:05 AM"; an em dash when there is no valid date. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parsed(iso);
  return date ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date) : '—';
}

/** "Dec 5, 2026". */
export function formatDate(iso: string | null | undefined): string {
  const date = parsed(iso);
  return date ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date) : '—';
}

/** "Dec 5" this year, "Dec 5, 2025" before. */
export function formatDay(iso: string, now: number = Date.now()): string {
  const date = parsed(iso);
  if (!date) return iso;
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(date);
}

/** A calendar day (YYYY-MM-DD, a chart's bucket) as "Mar 3": the day itself, in no time zone. */
export function formatCalendarDay(isoDate: string): string {
  const date = parsed(`${isoDate}T00:00:00Z`);
  return date ? new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date) : isoDate;
}

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "yesterday", "just now": how Jira says when something happened. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'at an unknown time';
  const diff = at - now;
  if (Math.abs(diff) < 60_000) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

/** A job id as people read it: Jenkins stores `feature/DEMO-7` as `feature%2FDEMO-7`. */
export function jobName(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
