import { formatCalendarDay, formatDateTime, formatDay, relativeTime, setLocale } from '../../static/shared/src/dates';

describe('the one date format of every page', () => {
  afterEach(() => setLocale(undefined));

  test('given Jira sends the French profile locale as fr_FR, when a time is formatted, then it reads in French', () => {
    setLocale('fr_FR');
    expect(formatDateTime('2026-12-05T10:05:00Z')).toMatch(/déc\. 2026/);
    expect(relativeTime('2026-12-05T07:00:00Z', Date.parse('2026-12-05T10:00:00Z'))).toBe('il y a 3 heures');
  });

  test('given en_US, when a day of this year and one of last year are formatted, then only the older one names its year', () => {
    setLocale('en_US');
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(formatDay('2026-12-05T12:00:00Z', now)).toBe('Dec 5');
    expect(formatDay('2025-12-05T12:00:00Z', now)).toBe('Dec 5, 2025');
  });

  test('given a locale tag Intl rejects, when set, then dates fall back to the browser locale instead of failing', () => {
    setLocale('not a locale!');
    expect(formatDateTime('2026-12-05T10:05:00Z')).not.toBe('—');
  });

  test('given a chart bucket day, when formatted, then it is that calendar day whatever the time zone', () => {
    setLocale('en_US');
    expect(formatCalendarDay('2026-03-03')).toBe('Mar 3');
    expect(formatCalendarDay('not a day')).toBe('not a day');
  });

  test('given no date or a broken one, then an em dash shows', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('yesterday-ish')).toBe('—');
  });
});
