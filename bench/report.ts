import type { Check } from './verify';
import type { PhaseResult } from './phases';

export interface Figures {
  readonly full: PhaseResult;
  readonly idle: PhaseResult;
  readonly growth: PhaseResult;
  readonly builds: Check;
  readonly deploys: { readonly expected: number; readonly found: number };
  readonly baseline: { readonly bodies: number; readonly bytes: number; readonly parseCpuMicros: number; readonly fetchFloorCpuMicros: number };
  readonly growthCheck: { readonly expectedBuilds: number; readonly writtenBuilds: number; readonly expectedDeploys: number; readonly newDeploys: number };
  readonly projectSlugs: readonly string[];
  readonly totalMs: number;
}

const ms = (micros: number) => Math.round(micros / 1000);
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Requests each CircleCI project answered, by its path prefix. */
function perProject(phase: PhaseResult, slugs: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const slug of slugs) {
    const prefix = `/api/v2/project/${slug}`;
    counts[slug] = Object.entries(phase.servers.circleci.byPath).reduce((sum, [path, n]) => sum + (path === prefix || path.startsWith(`${prefix}/`) ? n : 0), 0);
  }
  return counts;
}

export function summary(f: Figures) {
  const requests = (p: PhaseResult) => p.servers.jenkins.requests + p.servers.buildkite.requests + p.servers.circleci.requests;
  const circleIdle = Object.values(perProject(f.idle, f.projectSlugs));
  const newBuilds = f.growthCheck.expectedBuilds;
  const newDeploys = f.growthCheck.newDeploys;
  const writesPerNewBuild = round((f.growth.kvs.writes - f.growth.writes.deploys) / Math.max(1, newBuilds), 3);
  const writesPerNewDeploy = round(f.growth.writes.deploys / Math.max(1, newDeploys), 3);
  const overheadRatio = round(f.full.syncCpuMicros / Math.max(1, f.baseline.parseCpuMicros), 1);
  // Informative only (the target is overheadRatio): the sync's CPU less its sending and receiving.
  const processingRatio = round((f.full.syncCpuMicros - f.full.transportCpuMicros) / Math.max(1, f.baseline.parseCpuMicros), 1);
  return {
    idleRequests: {
      jenkins: { perInstance: f.idle.servers.jenkins.requests },
      buildkite: { perOrganisation: f.idle.servers.buildkite.requests },
      circleci: { perProject: Math.max(0, ...circleIdle), projects: circleIdle.length, total: f.idle.servers.circleci.requests },
    },
    idleKvsWrites: f.idle.kvs.writes,
    fullSync: {
      builds: f.builds.found,
      deploys: f.deploys.found,
      requests: requests(f.full),
      kvsReads: f.full.kvs.reads,
      kvsWrites: f.full.kvs.writes,
      wallMs: f.full.wallMs,
      invocations: f.full.invocations,
      nothingLostOrDuplicated: f.builds.ok && f.deploys.found === f.deploys.expected,
    },
    growth: { newBuilds, newDeploys, requests: requests(f.growth), kvsWrites: f.growth.kvs.writes, deployWrites: f.growth.writes.deploys, wallMs: f.growth.wallMs, allStored: f.growthCheck.writtenBuilds === newBuilds && newDeploys === f.growthCheck.expectedDeploys },
    writesPerNewBuild,
    writesPerNewDeploy,
    overheadRatio,
    overhead: {
      syncCpuMs: ms(f.full.syncCpuMicros),
      transportCpuMs: ms(f.full.transportCpuMicros),
      fetchFloorCpuMs: ms(f.baseline.fetchFloorCpuMicros),
      processingRatio,
      parseCpuMs: round(f.baseline.parseCpuMicros / 1000, 1),
      responses: f.baseline.bodies,
      responseBytes: f.baseline.bytes,
      platformCpuMs: ms(f.full.platformCpuMicros),
      gcMs: f.full.gcMillis,
    },
    targets: {
      idleOneRequest: f.idle.servers.jenkins.requests <= 1 && f.idle.servers.buildkite.requests <= 1 && Math.max(0, ...circleIdle) <= 1,
      idleNoWrites: f.idle.kvs.writes === 0,
      writesPerNewBuild: writesPerNewBuild <= 1,
      writesPerNewDeploy: writesPerNewDeploy <= 2,
      overheadRatio: overheadRatio <= 3,
      firstSyncOverContinuations: f.full.invocations > 3 && f.builds.ok && f.deploys.found === f.deploys.expected,
    },
  };
}

export function print(f: Figures): void {
  const s = summary(f);
  const line = (text: string) => console.log(text);
  line('');
  line(`Full sync: ${s.fullSync.builds} builds (${f.builds.expected} expected${f.builds.ok ? '' : `; ${f.builds.detail ?? ''}`}), ${s.fullSync.deploys} deploys (${f.deploys.expected} expected)`);
  line(`  ${s.fullSync.requests} requests (Jenkins ${f.full.servers.jenkins.requests}, Buildkite ${f.full.servers.buildkite.requests}, CircleCI ${f.full.servers.circleci.requests}) in ${s.fullSync.invocations} invocations, ${s.fullSync.wallMs} ms`);
  line(`  KVS ${s.fullSync.kvsReads} reads, ${s.fullSync.kvsWrites} writes (builds ${f.full.writes.builds}, deploys ${f.full.writes.deploys}, other ${f.full.writes.other})`);
  line(`  CPU: sync ${s.overhead.syncCpuMs} ms (of which sending and receiving ${s.overhead.transportCpuMs} ms; a plain fetch of the same answers: ${s.overhead.fetchFloorCpuMs} ms), emulated platform ${s.overhead.platformCpuMs} ms (not counted); GC ${s.overhead.gcMs} ms in all`);
  line(`  JSON.parse of the same ${s.overhead.responses} answers (${Math.round(s.overhead.responseBytes / 1024)} KiB): ${s.overhead.parseCpuMs} ms -> overhead ratio ${s.overheadRatio} (without sending and receiving: ${s.overhead.processingRatio})`);
  line(`Nothing new: Jenkins ${s.idleRequests.jenkins.perInstance} request, Buildkite ${s.idleRequests.buildkite.perOrganisation}, CircleCI ${s.idleRequests.circleci.perProject} per project (${s.idleRequests.circleci.total} for ${s.idleRequests.circleci.projects}); ${s.idleKvsWrites} KVS writes, ${f.idle.kvs.reads} reads`);
  line(`1 % new: ${s.growth.newBuilds} builds, ${s.growth.newDeploys} deploys (${f.growthCheck.expectedDeploys} expected); ${s.growth.requests} requests, ${s.growth.kvsWrites} KVS writes (${s.growth.deployWrites} for deploys), ${s.growth.wallMs} ms`);
  line(`  ${s.writesPerNewBuild} writes per new build, ${s.writesPerNewDeploy} per new deploy`);
  const missed = Object.entries(s.targets).filter(([, met]) => !met).map(([name]) => name);
  line(missed.length ? `Targets missed: ${missed.join(', ')}` : 'Every target met');
  line(`Bench done in ${Math.round(f.totalMs / 1000)} s`);
}
