import { checkBaseUrl, customHeaderProblems, parseConnection, parseSecret } from '../../src/domain/connection';
import { InvalidConnection } from '../../src/domain/errors';
import { BuildkiteProvider } from '../../src/providers/buildkite/service';
import { CircleCiProvider } from '../../src/providers/circleci/service';
import { JenkinsProvider } from '../../src/providers/jenkins/service';
import { createProvider } from '../../src/providers/registry';
import { SECRET, testDeps } from './support/deps';

describe('Jenkins base URLs', () => {
  it('keeps port and context path, drops the trailing slash', () => {
    expect(checkBaseUrl('https://ci.example.com:8443/jenkins/')).toEqual({ url: 'https://ci.example.com:8443/jenkins' });
  });

  it.each([
    ['http://ci.example.com', /https:\/\//],
    ['https://user:secret@ci.example.com', /own fields/],
    ['https://ci.example.com:9000', /port 9000/],
    ['https://ci.example.com/?token=1', /query string/],
    ['ci.example.com', /absolute URL/],
  ])('refuses %s', (raw, problem) => {
    const checked = checkBaseUrl(raw);
    expect('problems' in checked && checked.problems.join(' ')).toMatch(problem);
  });

  it('allows plain HTTP on loopback only when asked (local development)', () => {
    expect(checkBaseUrl('http://127.0.0.1:39123/ci', { allowLoopbackHttp: true })).toEqual({ url: 'http://127.0.0.1:39123/ci' });
    expect('problems' in checkBaseUrl('http://ci.example.com:39123', { allowLoopbackHttp: true })).toBe(true);
  });
});

describe('custom headers', () => {
  it('accepts ordinary headers', () => {
    expect(customHeaderProblems({ 'X-Proxy-Key': 'abc 123', 'CF-Access-Client-Id': 'id.access' })).toEqual([]);
  });

  it.each([
    [{ 'X-Evil': 'a\r\nHost: other.example.com' }, /line break/],
    [{ 'Bad Name': 'x' }, /may only contain/],
    [{ Host: 'other.example.com' }, /managed by the HTTP connection/],
    [{ Connection: 'close' }, /managed/],
    [{ 'Content-Length': '0' }, /managed/],
    [{ 'Transfer-Encoding': 'chunked' }, /managed/],
    [{ 'Keep-Alive': '5' }, /managed/],
    [{ Authorization: 'Basic abc' }, /set by the app/],
    [{ 'X-Name': 'caf\u00e9' }, /printable ASCII/],
    [{ 'x-a': '1', 'X-A': '2' }, /given twice/],
  ])('refuses %j', (headers, problem) => {
    expect(customHeaderProblems(headers).join(' ')).toMatch(problem);
  });
});

describe('parsing connections from outside', () => {
  it('normalises a valid Jenkins connection', () => {
    const connection = parseConnection({ kind: 'jenkins', id: 'c1', name: 'CI', baseUrl: 'https://ci.example.com/jenkins/', username: 'bot', customHeaders: {} });
    expect(connection).toMatchObject({ baseUrl: 'https://ci.example.com/jenkins' });
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        parseConnection({ kind: 'jenkins', id: 'c1', name: 'CI', baseUrl: 'http://ci.example.com', username: 'bot', customHeaders: { Host: 'x' } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidConnection);
    expect((error as InvalidConnection).problems).toHaveLength(2);
  });

  it('validates Buildkite slugs, CircleCI project slugs and tokens', () => {
    expect(() => parseConnection({ kind: 'buildkite', id: 'b', name: 'BK', organization: 'my org' })).toThrow(InvalidConnection);
    expect(() => parseConnection({ kind: 'circleci', id: 'c', name: 'CC', projectSlugs: ['acme/app'] })).toThrow(/three parts/);
    expect(parseConnection({ kind: 'circleci', id: 'c', name: 'CC', projectSlugs: ['gh/acme/app'] })).toMatchObject({ projectSlugs: ['gh/acme/app'] });
    expect(() => parseSecret({ apiToken: '  ' })).toThrow(/API token/);
  });
});

describe('the provider registry', () => {
  it('builds the provider for each kind', () => {
    const deps = testDeps();
    expect(createProvider({ kind: 'jenkins', id: 'j', name: 'J', baseUrl: 'https://ci.example.com', username: 'u', customHeaders: {} }, SECRET, deps)).toBeInstanceOf(JenkinsProvider);
    expect(createProvider({ kind: 'buildkite', id: 'b', name: 'B', organization: 'acme' }, SECRET, deps)).toBeInstanceOf(BuildkiteProvider);
    expect(createProvider({ kind: 'circleci', id: 'c', name: 'C', projectSlugs: ['gh/acme/app'] }, SECRET, deps)).toMatchObject({ kind: 'circleci', connectionId: 'c' });
    expect(createProvider({ kind: 'circleci', id: 'c', name: 'C', projectSlugs: [] }, SECRET, deps)).toBeInstanceOf(CircleCiProvider);
  });
});
