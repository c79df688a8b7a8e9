import { Exported, Seq, parseTree, render, TreeSyntaxError } from '../../../dev/ci-servers/jenkins/tree';

const build = (n: number) => new Exported({ _class: 'hudson.model.FreeStyleBuild', number: n, result: 'SUCCESS', url: `u/${n}/` }, ['_class', 'number', 'url']);
const job = new Exported(
  {
    _class: 'hudson.model.FreeStyleProject',
    name: 'api',
    builds: new Seq(5, (i) => build(5 - i)),
    allBuilds: new Seq(5, (i) => build(5 - i)),
    lastBuild: () => build(5),
    actions: [new Exported({ _class: 'hudson.model.CauseAction', causes: [new Exported({ shortDescription: 'Started by timer' })] })],
  },
  ['_class', 'name'],
  ['allBuilds'],
);

describe('Jenkins tree= rendering', () => {
  it('keeps only what the tree names, plus _class', () => {
    expect(render(job, parseTree('name,lastBuild[number]'))).toEqual({
      _class: 'hudson.model.FreeStyleProject',
      name: 'api',
      lastBuild: { _class: 'hudson.model.FreeStyleBuild', number: 5 },
    });
  });

  it('applies {M,N}, {N}, {M,} and {,N} ranges', () => {
    const numbers = (tree: string) => (render(job, parseTree(tree)) as { builds: { number: number }[] }).builds.map((b) => b.number);
    expect(numbers('builds[number]{1,3}')).toEqual([4, 3]);
    expect(numbers('builds[number]{2}')).toEqual([3]);
    expect(numbers('builds[number]{3,}')).toEqual([2, 1]);
    expect(numbers('builds[number]{,2}')).toEqual([5, 4]);
    expect(numbers('builds[number]{0,99}')).toEqual([5, 4, 3, 2, 1]);
  });

  it('without a tree: depth 0, model objects nested shallow, inline beans whole, hidden fields left out', () => {
    const out = render(job, null) as Record<string, unknown>;
    expect(out['lastBuild']).toEqual({ _class: 'hudson.model.FreeStyleBuild', number: 5, url: 'u/5/' });
    expect(out['actions']).toEqual([{ _class: 'hudson.model.CauseAction', causes: [{ shortDescription: 'Started by timer' }] }]);
    expect(out).not.toHaveProperty('allBuilds');
  });

  it('* selects every field', () => {
    expect(render(job, parseTree('actions[causes[*]]'))).toEqual({
      _class: 'hudson.model.FreeStyleProject',
      actions: [{ _class: 'hudson.model.CauseAction', causes: [{ shortDescription: 'Started by timer' }] }],
    });
  });

  it('refuses unbalanced brackets', () => {
    expect(() => parseTree('jobs[name')).toThrow(TreeSyntaxError);
    expect(() => parseTree('jobs]')).toThrow(TreeSyntaxError);
  });
});
