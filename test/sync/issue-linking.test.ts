import type { Commit } from '../../src/domain/build';
import { MAX_KEYS_PER_DEPLOY } from '../../src/domain/issue-keys';
import { issueKeysFor } from '../../src/sync/issue-linking';
import { demoConfig } from './support/sync-platform';

const SITE = ['DEMO', 'OPS', 'MY_PROJ'];
const commits = (...messages: string[]): Commit[] => messages.map((message, i) => ({ sha: `c${i}`, message, author: null, timestamp: null }));
type Integration = ReturnType<typeof demoConfig>['issueIntegration'];
const configWith = (integration: Partial<Integration>) =>
  demoConfig({ issueIntegration: { ...demoConfig().issueIntegration, ...integration } });

describe("a deploy's issue links follow the project's settings", () => {
  it('scans commit messages and the branch name, own project first', () => {
    const keys = issueKeysFor(configWith({}), { commits: commits('OPS-2 certs', 'DEMO-5 checkout'), branch: 'feature/demo-9-menu' }, SITE);
    expect(keys).toEqual(['DEMO-9', 'DEMO-5', 'OPS-2']);
  });

  it.each([
    ['Use UTF-8 everywhere'],
    ['Checksums are SHA-256 now'],
    ['Decode ISO-8859-1 input'],
    ['Patch CVE-2024-1234'],
  ])('never links look-alikes of projects that do not exist: %s', (message) => {
    expect(issueKeysFor(configWith({}), { commits: commits(message), branch: null }, SITE)).toEqual([]);
  });

  it('is case-insensitive, bounded by non-alphanumerics, and upper-cases', () => {
    const keys = issueKeysFor(configWith({}), { commits: commits('(demo-1),Ops-2;xDEMO-3 DEMO-4y my_proj-5'), branch: null }, SITE);
    expect(keys).toEqual(['DEMO-1', 'OPS-2', 'MY_PROJ-5']);
  });

  it('links nothing when the integration is off', () => {
    expect(issueKeysFor(configWith({ provider: 'none' }), { commits: commits('DEMO-1'), branch: 'DEMO-2' }, SITE)).toEqual([]);
  });

  it('honours each scan toggle', () => {
    const input = { commits: commits('DEMO-1 in a message'), branch: 'DEMO-2-branch' };
    expect(issueKeysFor(configWith({ scanBranchNames: false }), input, SITE)).toEqual(['DEMO-1']);
    expect(issueKeysFor(configWith({ scanCommitMessages: false }), input, SITE)).toEqual(['DEMO-2']);
  });

  it("keeps only the project's own keys when its scope says so", () => {
    expect(issueKeysFor(configWith({ keyScope: 'this-project' }), { commits: commits('OPS-1 DEMO-2'), branch: null }, SITE)).toEqual(['DEMO-2']);
  });

  it(`links at most ${MAX_KEYS_PER_DEPLOY} issues, own project first`, () => {
    const many = commits(Array.from({ length: 700 }, (_, i) => `OPS-${i + 1}`).join(' '), 'DEMO-1');
    const keys = issueKeysFor(configWith({}), { commits: many, branch: null }, SITE);
    expect(keys).toHaveLength(MAX_KEYS_PER_DEPLOY);
    expect(keys[0]).toBe('DEMO-1');
  });
});
