import api, { route } from '@forge/api';
import { NO_JQL } from '../../../dev/emulator/jira/routes/issues';
import { testPlatform } from '../../support/platform';
import { bodyOf, DEV, inInvocation, seedSite } from './fixture';

const site = testPlatform().site;
beforeAll(() => seedSite(site));

describe('GET and POST /rest/api/3/search/jql', () => {
  it('answers a loud Jira-style 400 for any JQL: the app sends none, so the emulator evaluates none', async () => {
    // Given a site with issues the query would match on Jira
    // When a user searches with GET and with POST
    const [viaGet, viaPost] = await inInvocation(DEV, async () => {
      const get = await api.asUser().requestJira(route`/rest/api/3/search/jql?${new URLSearchParams({ jql: 'project = DEMO' })}`);
      const post = await api.asUser().requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jql: 'key = DEMO-1', fields: ['summary'] }),
      });
      return [
        { status: get.status, body: await bodyOf(get) },
        { status: post.status, body: await bodyOf(post) },
      ];
    });

    // Then both answer 400 with Jira's ErrorCollection naming what to do, never an empty or partial result
    const refusal = { status: 400, body: { errorMessages: [NO_JQL], errors: {} } };
    expect(viaGet).toEqual(refusal);
    expect(viaPost).toEqual(refusal);
  });
});
