// `npm run bundle`: builds the backend with Atlassian's own bundler (@forge/bundler, the webpack and
// ts-loader settings `forge deploy` uses, reading manifest.yml with the CLI's own ConfigFile), loads
// the bundle in a fresh Node process and checks that every handler manifest.yml names is an exported
// function. Any failure exits 1, so `npm test` fails where `forge deploy` would.
// Usage: tsx scripts/bundle-backend.ts [appDirectory]   (default: this repository)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getEntryPoints, getNodeBundler, LocalWrapperProvider } from '@forge/bundler';
import { ConfigFile, FileSystemReader, FileSystemWriter, type Handler, type Logger } from '@forge/cli-shared';
import { z } from 'zod';

/**
 * `forge deploy` downloads Atlassian's runtime wrapper and loader from a CDN and adds them beside the
 * bundle after webpack has run; they are not built from our code and cannot be fetched offline, so
 * stand-ins take their place and the webpack build itself stays exactly the CLI's.
 */
function offlineWrapperProvider(): LocalWrapperProvider {
  const runtimePath = mkdtempSync(join(tmpdir(), 'forge-runtime-'));
  mkdirSync(join(runtimePath, 'dist'));
  for (const script of ['wrapper', 'loader']) {
    writeFileSync(join(runtimePath, 'dist', `${script}.js`), `// offline stand-in for Forge's runtime ${script}\n`);
  }
  return new LocalWrapperProvider(new FileSystemReader(), runtimePath);
}

const logger: Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => console.warn(message),
  error: (error) => console.error(error.message),
};

function sizeOf(directory: string): number {
  return readdirSync(directory).reduce((total, name) => {
    const path = join(directory, name);
    const stats = statSync(path);
    if (stats.isDirectory()) return total + sizeOf(path);
    return total + (name.endsWith('.map') ? 0 : stats.size);
  }, 0);
}

/** Loads each entry module in a fresh process, as the Forge runtime would, and lists what is missing. */
function missingHandlers(outputDir: string, handlers: readonly Handler[]): string[] {
  const check = `
    const path = require('node:path');
    const missing = [];
    for (const h of ${JSON.stringify(handlers)}) {
      const mod = require(path.join(${JSON.stringify(outputDir)}, h.module + '.cjs'));
      if (typeof mod[h.func] !== 'function') missing.push(h.module + '.' + h.func);
    }
    process.stdout.write(JSON.stringify(missing));`;
  const run = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8', cwd: outputDir });
  if (run.status !== 0) throw new Error(`the bundle does not load:\n${run.stderr}`);
  return z.array(z.string()).parse(JSON.parse(run.stdout));
}

async function main(): Promise<void> {
  const appDirectory = resolve(process.argv[2] ?? join(__dirname, '..'));
  process.chdir(appDirectory);
  const config = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  const handlers = await config.getAppHandlers();
  const entryPoints = getEntryPoints(handlers);
  const output = await getNodeBundler(logger, offlineWrapperProvider(), config).bundle({ appDirectory, entryPoints });
  try {
    const missing = missingHandlers(output.outputDir, handlers);
    if (missing.length > 0) throw new Error(`manifest.yml names handlers the bundle does not export: ${missing.join(', ')}`);
    const kb = Math.round(sizeOf(output.outputDir) / 1024);
    console.log(`Forge bundler: ${entryPoints.length} entry point(s), ${handlers.length} handlers exported, ${kb} KB without source maps.`);
  } finally {
    rmSync(output.outputDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`Forge's bundler cannot build the app (as forge deploy would): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
