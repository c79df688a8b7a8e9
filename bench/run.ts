/**
 * `npm run bench`: the sync engine on the emulator against the CI stand-ins at scale (Jenkins 200
 * jobs x 500 builds in folders, a Buildkite organisation of 20,000 builds, 10 CircleCI projects of
 * 1,000 pipelines), in three phases: the first (full) sync over as many continuations as it takes,
 * a sync with nothing new, and a sync after 1 % new builds. Then the issue panel's bench. Prints
 * its figures; the last line is one JSON object.
 */
import type { DeploySource } from '../src/domain/deploy-source';
import { StandInsProcess } from './child';
import { installMeter } from './meter';
import { parseBaseline, syncPhase, type PhaseResult } from './phases';
import { print, summary, type Figures } from './report';
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

async function main(): Promise<void> {
  const started = Date.now();
  const standIns = await StandInsProcess.start();
  const platform = benchPlatform();
  const meter = installMeter();
  await configure(standIns.urls, SOURCES);
  console.log(`[bench] stand-ins ready in ${Date.now() - started} ms`);

  const full = await syncPhase(platform, meter, standIns);
  const expected = await standIns.expected(buildkiteWindow(full));
  const builds = await checkBuilds(expected);
  const deploys = { expected: expectedDeploys(expected, SOURCES), found: await countDeploys('DEMO') };
  const baseline = await parseBaseline(platform, full.requestLog);

  const idle = await syncPhase(platform, meter, standIns);

  const grown = await standIns.grow(1);
  const deploysBefore = deploys.found;
  const growth = await syncPhase(platform, meter, standIns);
  const newBuilds = grown.jenkins.builds + grown.buildkite.builds + grown.circleci.builds;
  const newDeploys = (await countDeploys('DEMO')) - deploysBefore;
  const growthCheck = { expectedBuilds: newBuilds, writtenBuilds: await buildsWritten(), expectedDeploys: grown.jenkins.deploys + grown.buildkite.deploys, newDeploys };

  await standIns.close();
  platform.close();
  const panel = await panelBench();

  const figures: Figures = { full, idle, growth, builds, deploys, baseline, growthCheck, projectSlugs: standIns.urls.projectSlugs, totalMs: Date.now() - started };
  print(figures);
  console.log(JSON.stringify({ ...summary(figures), panel }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
