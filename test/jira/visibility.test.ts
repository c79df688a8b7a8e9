import { Visibility, type PermissionQuery } from '../../src/jira/visibility';

/** A fake Jira that answers per project and counts what it was asked. */
function fakeJira(grants: Record<string, readonly string[]>): { ask: PermissionQuery; asked: string[] } {
  const asked: string[] = [];
  const ask: PermissionQuery = (query, keys) => {
    asked.push(query['projectKey'] ?? 'site');
    const held = grants[query['projectKey'] ?? 'site'] ?? [];
    return Promise.resolve(Object.fromEntries(keys.map((k) => [k, held.includes(k)])));
  };
  return { ask, asked };
}

describe('Visibility', () => {
  it('given several questions about one project in an invocation, then Jira is asked once', async () => {
    const jira = fakeJira({ DEMO: ['BROWSE_PROJECTS', 'VIEW_DEV_TOOLS'] });
    const visibility = new Visibility('acc-1', jira.ask);

    const answers = await Promise.all([visibility.seesDevelopmentOf('DEMO'), visibility.administers('DEMO'), visibility.developmentVisible(['DEMO', 'DEMO'])]);

    expect(answers).toEqual([true, false, new Set(['DEMO'])]);
    expect(jira.asked).toEqual(['DEMO']);
  });

  it('given Browse Projects without View Development Tools, then development data is not visible', async () => {
    const visibility = new Visibility('acc-1', fakeJira({ DEMO: ['BROWSE_PROJECTS'] }).ask);
    await expect(visibility.seesDevelopmentOf('DEMO')).resolves.toBe(false);
  });

  it('given no user in the context, then nothing is visible and Jira is never asked', async () => {
    const jira = fakeJira({ DEMO: ['BROWSE_PROJECTS', 'VIEW_DEV_TOOLS', 'ADMINISTER'] });
    const visibility = new Visibility(undefined, jira.ask);

    expect(await visibility.seesAnyOf(['DEMO'])).toBe(false);
    expect(await visibility.isJiraAdmin()).toBe(false);
    expect(jira.asked).toEqual([]);
  });

  it('given a failed check, then it is asked again next time rather than remembered', async () => {
    let calls = 0;
    const flaky: PermissionQuery = (_query, keys) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('Jira 503')) : Promise.resolve(Object.fromEntries(keys.map((k) => [k, true])));
    };
    const visibility = new Visibility('acc-1', flaky);

    await expect(visibility.seesDevelopmentOf('DEMO')).rejects.toThrow('Jira 503');
    await expect(visibility.seesDevelopmentOf('DEMO')).resolves.toBe(true);
  });
});
