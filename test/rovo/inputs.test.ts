import { buildInput, buildSelectorFromText, jobIdFromText, listJobsInput } from '../../src/rovo/inputs';

describe('job names as a model extracts them', () => {
  it.each([
    ['api-server', 'api-server'],
    [' "team/api-server" ', 'team/api-server'],
    ['/team/api-server/', 'team/api-server'],
    ['team » services » api-server', 'team/services/api-server'],
    ['https://ci.example.com/job/team/job/api-server/42/console', 'team/api-server'],
    ['https://ci.example.com/jenkins/job/shop/job/feature%252Flogin/', 'shop/feature%2Flogin'],
    ['a//b', 'a//b'],
  ])('%s -> %s', (text, id) => {
    expect(jobIdFromText(text)).toBe(id);
  });
});

describe('builds as a model extracts them', () => {
  it.each([
    ['142', 142],
    ['#142', 142],
    ['build 142', 142],
    [142, 142],
    [undefined, 'last'],
    ['latest', 'last'],
    ['Last', 'last'],
    ['last failed', 'lastFailed'],
    ['lastFailedBuild', 'lastFailed'],
    ['last_successful', 'lastSuccessful'],
    ['last good', 'lastSuccessful'],
  ] as const)('%s -> %s', (text, selector) => {
    expect(buildSelectorFromText(text)).toBe(selector);
  });

  it.each(['0', '-3', 'yesterday', '1.5', 'lastStable'])('refuses %s', (text) => {
    expect(buildSelectorFromText(text)).toBeNull();
  });
});

describe('action input schemas', () => {
  it('drop what no action declares, such as the context Forge adds or a URL the model made up', () => {
    const parsed = buildInput.parse({ job: 'api-server', build: '7', connection: ' ', baseUrl: 'https://evil.example.com', context: { cloudId: 'x' } });
    expect(parsed).toEqual({ job: 'api-server', build: 7, connection: undefined });
  });

  it('an empty folder means the whole Jenkins', () => {
    expect(listJobsInput.parse({ folder: '  ' })).toEqual({ folder: '', connection: undefined });
  });
});
