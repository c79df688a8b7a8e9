/**
 * The one date format of the pages: the browser's locale (Jira's user locale reaches the iframe
 * as its language), medium date and short time, so "Dec 5, 2026, 10:05 AM" or "5 déc. 2026, 10:05".
 */
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : DATE_TIME.format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : DATE.format(date);
}

/** A job id as people read it: Jenkins stores `feature/DEMO-7` as `feature%2FDEMO-7`. */
export function jobName(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
