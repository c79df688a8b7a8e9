// `npm test`: every check CI runs, in order, on a fresh clone. It ends with one plain line
// "N passed, N failed" that counts Jest and browser tests together.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';

const steps = [
  ['Type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['ESLint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['Forge lint (manifest + client-side linters, offline)', 'npx', ['tsx', 'scripts/lint-forge.ts']],
  ["Forge bundler (the backend build forge deploy makes)", 'npx', ['tsx', 'scripts/bundle-backend.ts']],
  ['Jest', 'npx', ['jest', '--json', '--outputFile=test-results/jest.json']],
  ['Jest production lane (PRODUCTION emulator, HTTPS stand-ins)', 'node', ['test/production/run.mjs', '--json', '--outputFile=test-results/jest-production.json']],
  ['Browser tests (Playwright + Debian Chromium)', 'node', ['scripts/test-browser.mjs']],
];

mkdirSync('test-results', { recursive: true });
for (const stale of ['test-results/jest.json', 'test-results/jest-production.json', 'test-results/browser.json']) rmSync(stale, { force: true });
let passed = 0;
let failed = 0;
const failures = [];
for (const [title, command, args] of steps) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  if (!ok) failures.push(title);
  const counts = countsOf(title);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  } else if (!ok) {
    failed += 1;
  }
}

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);

function countsOf(title) {
  const jestReport = title === 'Jest' ? 'test-results/jest.json' : title.startsWith('Jest production') ? 'test-results/jest-production.json' : undefined;
  if (jestReport && existsSync(jestReport)) {
    const report = JSON.parse(readFileSync(jestReport, 'utf8'));
    return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites };
  }
  if (title.startsWith('Browser') && existsSync('test-results/browser.json')) {
    const report = JSON.parse(readFileSync('test-results/browser.json', 'utf8'));
    return { passed: report.passed, failed: report.failed };
  }
  return undefined;
}
