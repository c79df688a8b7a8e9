import { egressDomainOf } from '../../src/connections/views';
import { egressGroupKey, parseHeaderText } from '../../src/shared/contract/connections';

describe('custom headers typed as Name: value pairs', () => {
  it('given two headers, then each name keeps its value', () => {
    expect(parseHeaderText(' CF-Access-Client-Id: abc.access , CF-Access-Client-Secret: s3cr3t ')).toEqual({
      headers: { 'CF-Access-Client-Id': 'abc.access', 'CF-Access-Client-Secret': 's3cr3t' },
    });
  });

  it('given a value with commas and colons, then only a comma before "Name:" starts a new header', () => {
    expect(parseHeaderText('X-Forwarded-For: 10.0.0.1, 10.0.0.2, X-Note: a:b')).toEqual({
      headers: { 'X-Forwarded-For': '10.0.0.1, 10.0.0.2', 'X-Note': 'a:b' },
    });
  });

  it('given nothing, then there are no headers', () => {
    expect(parseHeaderText('   ')).toEqual({ headers: {} });
  });

  it('given the same header twice in different case, then it is reported once', () => {
    expect(parseHeaderText('X-Key: a, x-key: b')).toEqual({ problems: ['header "x-key" is given twice'] });
  });

  it('given a line break, then no value is quoted in the problem', () => {
    const parsed = parseHeaderText('X-Key: top-secret\nX-Other: b');

    expect(JSON.stringify(parsed)).not.toContain('top-secret');
    expect(parsed).toEqual({ problems: [expect.stringMatching(/line break/)] });
  });
});

describe('the address an admin consents to', () => {
  it.each([
    ['https://ci.example.com/jenkins', 'https://ci.example.com'],
    ['https://ci.example.com:8443/jenkins', 'https://ci.example.com:8443'],
    ['http://127.0.0.1:49152/jenkins', 'http://127.0.0.1:49152'],
  ])('given %s, then the domain is %s', (url, domain) => {
    expect(egressDomainOf(url)).toBe(domain);
  });

  it('given two addresses, then each has its own consent group', () => {
    expect(egressGroupKey('https://ci.example.com:8443')).toBe('ci-server-ci-example-com-8443');
    expect(egressGroupKey('https://ci.example.com')).not.toBe(egressGroupKey('https://ci.example.com:8443'));
  });
});
