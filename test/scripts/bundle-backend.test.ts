import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');
const SCRIPT = path.join(REPO, 'scripts', 'bundle-backend.ts');
const FIXTURE_APP = path.join(__dirname, 'fixtures', 'app');
/** webpack and ts-loader take seconds each run, more when other test files share the 2 cores. */
const RUN_TIMEOUT_MS = 120_000;

interface BundleRun {
  readonly code: number | null;
  readonly output: string;
}

const tsconfig = (compilerOptions: Record<string, unknown>): string =>
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, ...compilerOptions }, include: ['src/**/*'] });

/**
 * A throw-away copy of the fixture app, placed inside the repository so that webpack resolves
 * @forge/* from the repository's node_modules, as it would from the app's own.
 */
async function bundleFixture(edit: (dir: string) => void): Promise<BundleRun> {
  const parent = path.join(REPO, 'test-results');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'bundle-fixture-'));
  try {
    cpSync(FIXTURE_APP, dir, { recursive: true });
    edit(dir);
    return await new Promise((resolve, reject) => {
      const child = spawn(TSX, [SCRIPT, dir], { cwd: REPO, env: { ...process.env, FORCE_COLOR: '0' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture no longer contains ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

describe('npm run bundle (Forge bundler, as forge deploy)', () => {
  test.concurrent(
    'given a tsconfig that emits, when bundled, then every handler the manifest names is exported',
    async () => {
      const run = await bundleFixture((dir) => writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig({})));

      expect(run.output).toContain('2 handlers exported');
      expect(run.code).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  test.concurrent(
    'given a tsconfig with noEmit, when bundled, then it fails as forge deploy does',
    async () => {
      const run = await bundleFixture((dir) => writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig({ noEmit: true })));

      expect(run.output).toContain('TypeScript emitted no output');
      expect(run.code).toBe(1);
    },
    RUN_TIMEOUT_MS,
  );

  test.concurrent(
    'given a handler the source no longer exports, when bundled, then it is named and the run fails',
    async () => {
      const run = await bundleFixture((dir) => {
        writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig({}));
        replaceIn(path.join(dir, 'src', 'index.ts'), 'export async function checkProjectAdmin', 'async function checkProjectAdmin');
        replaceIn(path.join(dir, 'src', 'index.ts'), 'export async function panelResolver', 'void checkProjectAdmin;\nexport async function panelResolver');
      });

      expect(run.output).toContain('index.checkProjectAdmin');
      expect(run.code).toBe(1);
    },
    RUN_TIMEOUT_MS,
  );
});
