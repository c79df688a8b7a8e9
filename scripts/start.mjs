// `npm start`: builds the Custom UI, then runs the local Forge emulator (dev/start.ts) under tsx.
// Signals are passed on so Ctrl+C and `kill` stop the emulator cleanly.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildUi } from './build-ui.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

try {
  await buildUi();
} catch (error) {
  console.error(`The Custom UI build failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'dev', 'start.ts')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
