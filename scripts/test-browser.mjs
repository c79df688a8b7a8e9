// `npm run test:browser`: builds the UI, starts the emulator (dev/start.ts) on a free port with
// throw-away storage, runs test/browser/*.test.ts with node's test runner in Debian's Chromium,
// then stops the emulator. The last line says how many tests passed and failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildUi } from './build-ui.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, emulator, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (emulator.exitCode !== null) throw new Error(`the emulator exited with code ${emulator.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the emulator did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const chromium = spawnSync('sh', [path.join(root, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
if (chromium.status !== 0) {
  console.log('Browser tests: 0 passed, 1 failed (Chromium is missing)');
  process.exit(1);
}
await buildUi({ quiet: true });

/**
 * Runs some test files against a fresh emulator with its own storage. Files that reconfigure the
 * demo (connections, project settings) get an emulator of their own, so the order of files never
 * decides what another file sees.
 */
async function runGroup(files) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'forge-emulator-browser-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const emulatorLog = [];
  const emulator = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'dev', 'start.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), FORGE_EMULATOR_STORAGE: path.join(dataDir, 'forge-kvs.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [emulator.stdout, emulator.stderr]) stream.on('data', (chunk) => emulatorLog.push(chunk.toString()));
  let passed = 0;
  let failed = 0;
  try {
    const bootStarted = Date.now();
    await waitForHealth(baseUrl, emulator, 60_000);
    console.log(`Emulator ready on ${baseUrl} in ${Date.now() - bootStarted} ms for ${files.map((f) => path.basename(f)).join(', ')}`);
    const tap = path.join(dataDir, 'results.tap');
    // The runner times each file as one test too: the health hub's walk waits for two scheduled
    // syncs (about 55 s on a loaded machine), so a file gets 3 minutes; slow tests set their own.
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-timeout=180000', '--test-reporter=spec', '--test-reporter-destination=stdout',
        '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
      { cwd: root, stdio: 'inherit', env: { ...process.env, BROWSER_TEST_BASE_URL: baseUrl, BROWSER_TEST_DATA_DIR: dataDir } },
    );
    const summary = readFileSync(tap, 'utf8');
    passed = Number(/^# pass (\d+)/m.exec(summary)?.[1] ?? 0);
    failed = Number(/^# fail (\d+)/m.exec(summary)?.[1] ?? 0);
    if (run.status !== 0 && failed === 0) failed = 1;
  } catch (error) {
    failed = Math.max(failed, 1);
    console.error(`Browser tests could not run: ${error instanceof Error ? error.message : error}`);
  } finally {
    await stop(emulator);
    if (failed > 0) console.error(`--- emulator output ---\n${emulatorLog.join('').trimEnd()}\n---`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { passed, failed };
}

const testDir = path.join(root, 'test', 'browser');
const files = readdirSync(testDir).filter((f) => /\.test\.(ts|mjs)$/.test(f)).sort().map((f) => path.join(testDir, f));
const reconfigures = (file) => /^(admin|settings)/.test(path.basename(file));
let passed = 0;
let failed = 0;
for (const group of [files.filter((f) => !reconfigures(f)), files.filter(reconfigures)]) {
  if (group.length === 0) continue;
  const result = await runGroup(group);
  passed += result.passed;
  failed += result.failed;
}
mkdirSync(path.join(root, 'test-results'), { recursive: true });
writeFileSync(path.join(root, 'test-results', 'browser.json'), JSON.stringify({ passed, failed }));
console.log(`Browser tests: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in test-results/)`);
process.exit(failed > 0 ? 1 : 0);
