/**
 * `npm run bench`: the sync engine on the emulator against the CI stand-ins at scale (Jenkins 200
 * jobs x 500 builds in folders, a Buildkite organisation of 20,000 builds, 10 CircleCI projects of
 * 1,000 pipelines): the first (full) sync over as many continuations as it takes, three times on
 * fresh storage; a sync with nothing new; an hour of scheduled syncs with nothing new; one tick
 * after one new build on each CI; a sync after 1 % new builds. Then the issue panel's bench.
 * Prints its figures; the last line is one JSON object (bench/README.md).
 */
import path from 'node:path';
import type { Platform } from '../dev/emulator/platform';
import type { DeploySource } from '../src/domain/deploy-source';
import { StandInsProcess } from './child';
import { functionMemoryMb } from './cost';
import { installMeter } from './meter';
import { floorRound, syncPhase, type PhaseResult } from './phases';
import { measureDoraLoad } from './dora';
import { measurePush } from './push';
import { print, summary, type Figures, type Round } from './report';
import { benchPlatform, configure, CONNECTIONS } from './setup';
import { buildsWritten, checkBuilds, countDeploys, expectedDeploys } from './verify';

const SOURCES: DeploySource[] = [
  { id: 'jenkins-staging', connectionId: CONNECTIONS.jenkins, job: 'deploy-staging', environment: { id: 'staging', name: 'Staging', type: 'staging' } },
  { id: 'jenkins-production', connectionId: CONNECTIONS.jenkins, job: 'deploy-production', environment: { id: 'production', name: 'Production', type: 'production' } },
  { id: 'buildkite-deploy', connectionId: CONNECTIONS.buildkite, job: 'deploy', environment: { id: 'production', name: 'Production', type: 'production' } },
];

/** The `finished_from` the first Buildkite query asked for: the window the model is checked against. */
function buildkiteWindow(phase: PhaseResult): number {
  const first = phase.requestLog.find((r) => r.url.includes('finished_from='));
  const value = first ? new URL(first.url).searchParams.get('finished_from') : null;
  if (!value) throw new Error('the first sync asked Buildkite for no finished_from window');
  return Date.parse(value);
}

async function panelBench(): Promise<unknown> {
  try {
    const module: unknown = await import('./panel');
    const run = typeof module === 'object' && module !== null && 'runPanelBench' in module ? module.runPanelBench : undefined;
    if (typeof run !== 'function') return null;
    const result: unknown = await run();
    return result;
  } catch (error) {
    console.error(`[bench] the panel bench did not run: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The panel's figure, and whether it meets its target (at most 2 KVS reads per load). */
function panelTarget(panel: unknown) {
  const reads = typeof panel === 'object' && panel !== null && 'kvsReadsPerLoad' in panel ? panel.kvsReadsPerLoad : undefined;
  return { target: '<= 2', value: reads ?? null, met: typeof reads === 'number' && reads <= 2 };
}

const ROUNDS = 3;

async function main(): Promise<void> {
  const started = Date.now();
  const standIns = await StandInsProcess.start();
  console.log(`[bench] stand-ins ready in ${Date.now() - started} ms`);

  // The full sync three times, each on fresh storage and followed by its floor: the ratio is their median.
  const rounds: Round[] = [];
  let platform: Platform | undefined;
  let meter: ReturnType<typeof installMeter> | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    meter?.uninstall();
    platform?.close();
    platform = benchPlatform();
    meter = installMeter();
    await configure(standIns.urls, SOURCES);
    const full = await syncPhase(platform, meter, standIns);
    rounds.push({ full, floor: await floorRound(platform.networkFetch, full.requestLog) });
  }
  const last = rounds.at(-1);
  if (!platform || !meter || !last) throw new Error('no full sync ran');

  const expected = await standIns.expected(buildkiteWindow(last.full));
  const builds = await checkBuilds(expected);
  const deploys = { expected: expectedDeploys(expected, SOURCES), found: await countDeploys('DEMO') };

  const idle = await syncPhase(platform, meter, standIns);
  const idleHour = await syncPhase(platform, meter, standIns, 12);

  await standIns.grow(0.0001);
  const activeTick = await syncPhase(platform, meter, standIns);

  const grown = await standIns.grow(1);
  const deploysBefore = await countDeploys('DEMO');
  const growth = await syncPhase(platform, meter, standIns);
  const newBuilds = grown.jenkins.builds + grown.buildkite.builds + grown.circleci.builds;
  const newDeploys = (await countDeploys('DEMO')) - deploysBefore;
  const growthCheck = { expectedBuilds: newBuilds, writtenBuilds: await buildsWritten(), expectedDeploys: grown.jenkins.deploys + grown.buildkite.deploys, newDeploys };

  await standIns.close();
  meter.uninstall();
  platform.close();
  const panel = await panelBench();
  const push = await measurePush();
  const dora = await measureDoraLoad();

  const figures: Figures = {
    rounds,
    idle,
    idleHour,
    activeTick,
    growth,
    builds,
    deploys,
    growthCheck,
    projectSlugs: standIns.urls.projectSlugs,
    memoryMb: functionMemoryMb(path.resolve(__dirname, '..')),
    totalMs: Date.now() - started,
  };
  const result = summary(figures);
  print(figures, result);
  console.log(JSON.stringify({ ...result, panel, push, dora, targets: { ...result.targets, panelKvsReadsPerLoad: panelTarget(panel), doraKvsReadsPerLoad: dora.met } }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
