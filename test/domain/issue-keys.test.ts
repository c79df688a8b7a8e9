import { issueKeyCandidates, linkableIssueKeys, MAX_KEYS_PER_DEPLOY } from '../../src/domain/issue-keys';

const site = ['DEMO', 'OPS', 'MY_PROJ', 'ÄPFEL'];
const link = (text: string, own?: string) => linkableIssueKeys([text], { siteProjectKeys: site, ownProjectKey: own });

describe('issue keys in commit messages and branch names', () => {
  it.each([
    ['DEMO-1: fix the login', ['DEMO-1']],
    ['demo-12 lower case is upper-cased', ['DEMO-12']],
    ['feature/DEMO-7-new-thing', ['DEMO-7']],
    ['Merge branch "ops-3" (DEMO-4, DEMO-4)', ['OPS-3', 'DEMO-4']],
    ['MY_PROJ-9 underscores in project keys', ['MY_PROJ-9']],
    ['build_DEMO-5 an underscore is a boundary', ['DEMO-5']],
    ['Äpfel-3 unicode project keys', ['ÄPFEL-3']],
  ])('%s', (text, expected) => {
    expect(link(text)).toEqual(expected);
  });

  it.each([
    'Use UTF-8 everywhere',
    'Checksums are SHA-256 now',
    'Decode ISO-8859-1 input',
    'Patch CVE-2024-1234',
    'xDEMO-1 glued to a letter',
    'DEMO-1x glued to a letter after',
    '9DEMO-1 glued to a digit',
    'DEMO-0 is not an issue number',
    'DEMO-007 has a leading zero',
    'NOPE-1 project does not exist',
    'opſ-1 long s is not an s',
    'OPſ-2 long s in upper-case text',
    'demı-3 dotless i is not an i',
    'DEMO-1٣ an Arabic-Indic digit glued on',
    'DEMO-٣ Arabic-Indic digits only',
    'DEMO-１ a fullwidth digit',
    'DEMO-1３ a fullwidth digit glued on',
    '٣DEMO-1 glued to a non-ASCII digit',
    'DEMO-1٠٠ two of them',
  ])('never links: %s', (text) => {
    expect(link(text)).toEqual([]);
  });

  it('never turns one project key into another by case folding', () => {
    const keys = linkableIssueKeys(['opſ-1 ops-2 OPS-3 ſtraße-4 STRASSE-5'], { siteProjectKeys: ['OPS', 'STRASSE'] });

    expect(keys).toEqual(['OPS-2', 'OPS-3', 'STRASSE-5']);
  });

  it('never makes a key with digits other than ASCII ones', () => {
    expect(issueKeyCandidates('DEMO-1٣ DEMO-٣ D٣MO-1 DEMO-１ DEMO-2')).toEqual(['DEMO-2']);
  });

  it('finds candidates of any project before validation', () => {
    expect(issueKeyCandidates('UTF-8 and CVE-2024-1234')).toEqual(['UTF-8', 'CVE-2024']);
  });

  it("puts the deploy's own project first and keeps first-seen order otherwise", () => {
    expect(link('OPS-1 DEMO-2 OPS-3 DEMO-4', 'DEMO')).toEqual(['DEMO-2', 'DEMO-4', 'OPS-1', 'OPS-3']);
  });

  it('keeps only the allowed projects when the project asks for its own keys only', () => {
    const keys = linkableIssueKeys(['OPS-1 DEMO-2'], { siteProjectKeys: site, onlyProjects: ['demo'] });
    expect(keys).toEqual(['DEMO-2']);
  });

  it(`links at most ${MAX_KEYS_PER_DEPLOY} keys, own project first`, () => {
    const many = Array.from({ length: 600 }, (_, i) => `OPS-${i + 1}`).join(' ');
    const keys = linkableIssueKeys([many, 'DEMO-1'], { siteProjectKeys: site, ownProjectKey: 'DEMO' });
    expect(keys).toHaveLength(MAX_KEYS_PER_DEPLOY);
    expect(keys[0]).toBe('DEMO-1');
  });
});
