/**
 * `npm start`: the app on the local Forge emulator, with a seeded Jira around its Custom UI.
 * Environment: PORT (8080), HOST (127.0.0.1), FORGE_EMULATOR_STORAGE (.data/forge-kvs.sqlite),
 * FORGE_EMULATOR_SPEEDUP (10: scheduled triggers fire ten times as often as on Forge),
 * DEMO_CI (on: local Jenkins, Buildkite and CircleCI stand-ins with growing histories, a local Git host
 * at github.localhost whose commit pages the panel links to, and the DEMO project set up to sync them;
 * `off` leaves the app without connections).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Platform } from './emulator/platform';
import { configureDemo, demoUrls, startDemoCi, startDemoWebhooks } from './demo/ci-demo';
import { seedDemoSite } from './demo/seed';
import { startBackgroundWork, parseSpeedup } from './server/background';
import { EgressConsentFile } from './server/egress-consent-file';
import { createHostServer } from './server/server';

const appRoot = path.resolve(__dirname, '..');

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${value}"`);
  return port;
}

/** Loads every function's handler now, so a broken import shows at start-up, not on the first click. */
function warmUp(platform: Platform): void {
  for (const fn of platform.manifest.modules.function) {
    try {
      platform.functions.handlerFor(fn.key);
    } catch (error) {
      console.error(`[start] function "${fn.key}" (${fn.handler}) cannot be loaded:`, error);
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const port = parsePort(process.env['PORT']);
  const host = process.env['HOST'] || '127.0.0.1';
  const speedup = parseSpeedup(process.env['FORGE_EMULATOR_SPEEDUP']);
  const storageFile = path.resolve(appRoot, process.env['FORGE_EMULATOR_STORAGE'] || '.data/forge-kvs.sqlite');
  mkdirSync(path.dirname(storageFile), { recursive: true });

  const platform = new Platform({ appRoot, storageFile, localMode: true, publicBaseUrl: `http://localhost:${port}` });
  platform.install();
  seedDemoSite(platform.site);
  const consents = new EgressConsentFile(path.join(path.dirname(storageFile), 'egress-consent.json'), platform.egressConsent);
  consents.load();
  warmUp(platform);
  // The Git host next to the emulator's port, so stored commit links survive a restart.
  const demoCi = process.env['DEMO_CI'] === 'off' ? null : await startDemoCi({ gitHostPort: port > 0 && port < 65535 ? port + 1 : 0 });
  if (demoCi) {
    for (const change of await configureDemo(demoUrls(demoCi))) console.log(`[demo] ${change}`);
    console.log(`[demo] CI stand-ins: Jenkins ${demoCi.jenkins.url}, Buildkite ${demoCi.buildkite.url}, CircleCI ${demoCi.circleci.url}, Git host ${demoCi.git?.url ?? 'none'}`);
  }

  const loopbackOnly = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const server = createHostServer({ platform, appRoot, onEgressChange: () => consents.save(), anyHost: !loopbackOnly });
  const actualPort = await server.listen(port, host);
  platform.publicBaseUrl = `http://localhost:${actualPort}`;
  const background = startBackgroundWork(platform, { speedup });
  // Real-time builds: the stand-ins push signed webhooks to the web trigger URLs as builds finish.
  const webhooks = demoCi ? await startDemoWebhooks(demoCi, (key) => platform.stargate.urlFor(key)) : null;
  server.markReady();
  // The first scheduled run would come only after one interval: sync the demo's CI right away.
  if (demoCi) {
    platform.app.runScheduledTrigger('sync-schedule').catch((error: unknown) => console.warn('[demo] the first sync could not be queued:', error));
  }
  console.log(`Deploy Tracker on the local Forge emulator: ${platform.publicBaseUrl}/ (ready in ${Date.now() - started} ms)`);
  const shownStorage = storageFile.startsWith(appRoot + path.sep) ? path.relative(appRoot, storageFile) : storageFile;
  console.log(`  storage ${shownStorage}, scheduled triggers sped up ${speedup}x, Ctrl+C to stop`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`[start] ${signal}: stopping`);
    Promise.all([server.close(), background.stop(), webhooks?.stop(), demoCi?.close()])
      .then(() => platform.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('[start] shutdown failed:', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('[start] the emulator could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
