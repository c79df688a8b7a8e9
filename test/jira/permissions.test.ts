import { isJiraAdmin, isProjectAdmin, requireIssueAccess, requireProjectAdmin } from '../../src/jira/permissions';
import { testPlatform } from '../support/platform';
import { ADMIN, DEV, inInvocation, seedSite } from '../dev/jira/fixture';

const platform = testPlatform();
beforeAll(() => seedSite(platform.site));

/** Who Jira saw asking, for the requests `run` made. */
async function askedAs<T>(run: () => Promise<T>): Promise<{ result: T; as: string[] }> {
  const before = platform.jira.requests.length;
  const result = await run();
  return { result, as: platform.jira.requests.slice(before).map((r) => r.as) };
}

describe('permission checks ask Jira as the invocation’s own user', () => {
  it('given a developer of DEMO, when asked whether they administer it, then Jira answers for them, asked without impersonation', async () => {
    const { result, as } = await askedAs(() => inInvocation(DEV, () => isProjectAdmin('DEMO')));

    expect(result).toBe(false);
    expect(as).toEqual([`user:${DEV}`]);
  });

  it('given a Jira admin, then they administer the site and every project', async () => {
    await expect(inInvocation(ADMIN, () => isJiraAdmin())).resolves.toBe(true);
    await expect(inInvocation(ADMIN, () => requireProjectAdmin(ADMIN, 'OPS'))).resolves.toBe(ADMIN);
  });

  it('given no account in the context, then the check refuses before asking Jira', async () => {
    const { result, as } = await askedAs(() => inInvocation(DEV, () => requireIssueAccess(undefined, 'DEMO-1').catch((e: unknown) => e)));

    expect(result).toMatchObject({ name: 'Forbidden', message: 'You do not have permission to see DEMO-1.' });
    expect(as).toEqual([]);
  });
});
