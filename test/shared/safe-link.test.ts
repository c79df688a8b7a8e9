import { safeLink } from '../../src/shared/safe-link';

describe('the safe-link rule every rendered URL passes', () => {
  it.each([
    ['https://ci.example.com/job/shop/42/', 'https://ci.example.com/job/shop/42/'],
    ['http://jenkins.internal:8080/job/a', 'http://jenkins.internal:8080/job/a'],
    ['HTTPS://CI.example.com/x', 'https://ci.example.com/x'],
    ['https://user:token@ci.example.com/job/a', 'https://ci.example.com/job/a'],
    ['https://ci.example.com@evil.example/run', 'https://evil.example/run'],
  ])('keeps %s as %s', (raw, expected) => {
    expect(safeLink(raw)).toBe(expected);
  });

  it.each([
    'javascript:alert(document.domain)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://ci.example.com/a',
    '//evil.example/run',
    '/job/a',
    'not a url',
    '',
    null,
    undefined,
  ])('is no link at all for %j', (raw) => {
    expect(safeLink(raw)).toBeNull();
  });
});
