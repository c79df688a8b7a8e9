import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs exactly the documented command, with lines of JSON strings on stdin. */
function issueKeys(lines: readonly string[], projects = 'DEMO,OPS,MY_PROJ') {
  const result = spawnSync('npm', ['run', '--silent', 'inspect', '--', 'issue-keys', '--projects', projects], {
    cwd: ROOT,
    encoding: 'utf8',
    input: lines.map((l) => `${l}\n`).join(''),
  });
  const output = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);
  return { output, status: result.status, stderr: result.stderr };
}

describe('npm run --silent inspect -- issue-keys --projects KEY1,KEY2', () => {
  it('prints, for each JSON string read, the keys a deploy would link', () => {
    const lines = [
      'DEMO-1: fix the login',
      'demo-12 lower case is upper-cased',
      'feature/DEMO-7-new-thing',
      'Merge "ops-3" (DEMO-4, DEMO-4)',
      'build_MY_PROJ-9 underscores',
      'Use UTF-8 everywhere',
      'Checksums are SHA-256 now',
      'Decode ISO-8859-1 input',
      'Patch CVE-2024-1234',
      'xDEMO-1 glued, DEMO-1x glued',
      'NOPE-1 unknown project',
      'DEMO-0 and DEMO-007',
    ].map((text) => JSON.stringify(text));

    const { output, status } = issueKeys(lines);

    expect(status).toBe(0);
    expect(output).toEqual([['DEMO-1'], ['DEMO-12'], ['DEMO-7'], ['OPS-3', 'DEMO-4'], ['MY_PROJ-9'], [], [], [], [], [], [], []]);
  });

  it('only the projects given exist', () => {
    expect(issueKeys([JSON.stringify('DEMO-1 OPS-2')], 'OPS').output).toEqual([['OPS-2']]);
  });

  it('refuses a line that is not a JSON string, and a missing --projects', () => {
    const bad = issueKeys(['DEMO-1 without quotes']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/line 1 is not a JSON string/);
    const noProjects = spawnSync('npm', ['run', '--silent', 'inspect', '--', 'issue-keys'], { cwd: ROOT, encoding: 'utf8', input: '' });
    expect(noProjects.status).toBe(2);
    expect(noProjects.stderr).toMatch(/issue-keys --projects/);
  });
});
