import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(REPO, 'scripts', 'lint-forge.ts');
const FIXTURE_APP = path.join(__dirname, 'fixtures', 'app');
/** Each run compiles Atlassian's manifest schema a few times; runs overlap, so allow for a busy machine. */
const RUN_TIMEOUT_MS = 90_000;

interface LintRun {
  readonly code: number | null;
  readonly output: string;
}

function runLintForge(args: readonly string[]): Promise<LintRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT, ...args], { cwd: REPO, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Replaces text that must be there, so a fixture edit can never silently turn a test into a no-op. */
function replaceExisting(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** A throw-away copy of test/scripts/fixtures/app with some files edited. */
class FixtureApp {
  private readonly edits: Array<(dir: string) => void> = [];

  static valid(): FixtureApp {
    return new FixtureApp();
  }

  withManifest(from: string, to: string): this {
    return this.withFile('manifest.yml', from, to);
  }

  withSource(from: string, to: string): this {
    return this.withFile(path.join('src', 'index.ts'), from, to);
  }

  async lint(): Promise<LintRun> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lint-forge-'));
    try {
      cpSync(FIXTURE_APP, dir, { recursive: true });
      for (const edit of this.edits) edit(dir);
      return await runLintForge(['--manifest', path.join(dir, 'manifest.yml')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private withFile(relative: string, from: string, to: string): this {
    this.edits.push((dir) => {
      const file = path.join(dir, relative);
      writeFileSync(file, replaceExisting(readFileSync(file, 'utf8'), from, to));
    });
    return this;
  }
}

/** One lint run shared by several tests: each run costs seconds of schema compilation. */
function once(run: () => Promise<LintRun>): () => Promise<LintRun> {
  let started: Promise<LintRun> | undefined;
  return () => (started ??= run());
}

describe('npm run lint:forge', () => {
  test.concurrent(
    'given the real manifest.yml and src/, when linted, then nothing is reported',
    async () => {
      const run = await runLintForge([]);

      expect(run.output).toContain('No issues found.');
      expect(run.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  test.concurrent(
    'given the fixture app on a deprecated runtime, when linted, then that is its only issue, a warning, and the run passes',
    async () => {
      const run = await FixtureApp.valid().withManifest('name: nodejs22.x', 'name: nodejs20.x').lint();

      expect(run.output).toMatch(/warning\s+The nodejs20\.x runtime is deprecated/);
      expect(run.output).toContain('1 issue (0 errors, 1 warning, 0 approvals)');
      expect(run.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  describe('given the fixture app with one defect for each source and resource check, when linted', () => {
    const lintBrokenApp = once(() =>
      FixtureApp.valid()
        .withSource('export async function checkProjectAdmin', 'async function checkProjectAdmin')
        .withManifest('    - storage:app\n    - read:jira-work\n', '    - read:jira-user\n')
        .withManifest('path: static/panel', 'path: static/panel-not-built')
        .withManifest('resource:icons;panel.svg', 'resource:icons;missing.svg')
        .lint(),
    );

    test.concurrent(
      'then a handler that src/index.ts no longer exports is an error',
      async () => {
        const run = await lintBrokenApp();

        expect(run.output).toMatch(/error\s+Cannot find exported function "checkProjectAdmin".*"admin-check"/);
        expect(run.code).toBe(1);
      },
      RUN_TIMEOUT_MS,
    );

    test.concurrent(
      'then a Jira API call whose scope the manifest lacks (it lists a wrong one) is an error',
      async () => {
        const run = await lintBrokenApp();

        expect(run.output).toMatch(/error\s+Jira endpoint: GET \/rest\/api\/3\/mypermissions requires "read:jira-work" scope/);
        expect(run.code).toBe(1);
      },
      RUN_TIMEOUT_MS,
    );

    test.concurrent(
      'then @forge/kvs without the storage:app scope is an error',
      async () => {
        const run = await lintBrokenApp();

        expect(run.output).toMatch(/error\s+@forge\/kvs \(storage, secrets, custom entities\) requires the "storage:app" scope/);
        expect(run.code).toBe(1);
      },
      RUN_TIMEOUT_MS,
    );

    test.concurrent(
      'then a resource whose folder does not exist is an error',
      async () => {
        const run = await lintBrokenApp();

        expect(run.output).toMatch(/error\s+missing resource 'static\/panel-not-built'/);
        expect(run.code).toBe(1);
      },
      RUN_TIMEOUT_MS,
    );

    test.concurrent(
      'then a module icon whose file is missing is an error',
      async () => {
        const run = await lintBrokenApp();

        expect(run.output).toMatch(/error\s+resource:icons;missing\.svg points at static\/icons\/missing\.svg/);
        expect(run.output).toContain('5 issues (5 errors, 0 warnings, 0 approvals)');
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('given the fixture app with manifest schema defects, when linted', () => {
    const lintInvalidManifest = once(() =>
      FixtureApp.valid()
        .withManifest('handler: index.panelResolver', 'handler: index.panelResolver\n      memory: 512')
        .withManifest('id: ari:cloud:ecosystem::app/', 'id: my-app-')
        .lint(),
    );

    test.concurrent(
      'then an unknown property on a function module is an error',
      async () => {
        const run = await lintInvalidManifest();

        expect(run.output).toMatch(/error\s+function should NOT have additional property 'memory'/);
        expect(run.code).toBe(1);
      },
      RUN_TIMEOUT_MS,
    );

    test.concurrent(
      'then an app.id that is not an Atlassian app ARI is an error',
      async () => {
        const run = await lintInvalidManifest();

        expect(run.output).toMatch(/error\s+app property id 'my-app-[^']*' must match pattern/);
        expect(run.output).toContain('source linters did not run');
        expect(run.code).toBe(1);
      },
      RUN_TIMEOUT_MS,
    );
  });
});
