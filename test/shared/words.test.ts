import { plural } from '../../static/shared/src/words';

describe('a count with its noun', () => {
  test('given one, several and an irregular plural, then each reads as a person writes it', () => {
    expect(plural(1, 'build')).toBe('1 build');
    expect(plural(0, 'deploy')).toBe('0 deploys');
    expect(plural(2, 'recovery', 'recoveries')).toBe('2 recoveries');
  });

  test('given a count in the thousands, then it is grouped as the locale writes it', () => {
    expect(plural(1204, 'build')).toBe(`${new Intl.NumberFormat().format(1204)} builds`);
  });
});
