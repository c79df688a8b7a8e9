import { forgeMonthlyCost } from './cost';
import type { Check } from './verify';
import type { FloorRound, PhaseResult } from './phases';

export interface Round {
  readonly full: PhaseResult;
  readonly floor: FloorRound;
}

export interface Figures {
  /** The full sync, three times on fresh storage, each followed by its floor. The last one's storage carries on. */
  readonly rounds: readonly Round[];
  readonly idle: PhaseResult;
  /** Twelve scheduled ticks (an hour) with nothing new on any CI. */
  readonly idleHour: PhaseResult;
  /** One tick after one new build on each CI. */
  readonly activeTick: PhaseResult;
  readonly growth: PhaseResult;
  readonly builds: Check;
  readonly deploys: { readonly expected: number; readonly found: number };
  readonly growthCheck: { readonly expectedBuilds: number; readonly writtenBuilds: number; readonly expectedDeploys: number; readonly newDeploys: number };
  readonly projectSlugs: readonly string[];
  readonly memoryMb: number;
  readonly totalMs: number;
}

const ms = (micros: number) => Math.round(micros / 1000);
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Requests each CircleCI project answered, by its path prefix. */
function perProject(phase: PhaseResult, slugs: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const slug of slugs) {
    const prefix = `/api/v2/project/${slug}`;
    counts[slug] = Object.entries(phase.servers.circleci.byPath).reduce((sum, [path, n]) => sum + (path === prefix || path.startsWith(`${prefix}/`) ? n : 0), 0);
  }
  return counts;
}

const requests = (p: PhaseResult) => p.servers.jenkins.requests + p.servers.buildkite.requests + p.servers.circleci.requests;

function lastRound(f: Figures): Round {
  const last = f.rounds.at(-1);
  if (!last) throw new Error('the bench ran no full sync');
  return last;
}

export function summary(f: Figures) {
  const { full } = lastRound(f);
  const circleIdle = Object.values(perProject(f.idle, f.projectSlugs));
  const newBuilds = f.growthCheck.expectedBuilds;
  const newDeploys = f.growthCheck.newDeploys;
  const writesPerNewBuild = round((f.growth.kvs.writes - f.growth.writes.deploys) / Math.max(1, newBuilds), 3);
  const writesPerNewDeploy = round(f.growth.writes.deploys / Math.max(1, newDeploys), 3);
  const ratios = f.rounds.map((r) => r.full.syncCpuMicros / Math.max(1, r.floor.floorCpuMicros));
  const overheadVsFloor = round(median(ratios), 2);
  const bytesPerBuild = Math.round(full.responseBytes / Math.max(1, f.builds.found));
  const idleWorkerInvocations = f.idleHour.workerInvocations;
  const cost = forgeMonthlyCost(f.activeTick, f.idleHour, f.growth, newDeploys, f.memoryMb);
  const idle = {
    jenkins: f.idle.servers.jenkins.requests,
    buildkite: f.idle.servers.buildkite.requests,
    circleciPerProject: Math.max(0, ...circleIdle),
  };
  const met = {
    idleRequests: idle.jenkins <= 1 && idle.buildkite <= 1 && idle.circleciPerProject <= 1,
    idleKvsWrites: f.idle.kvs.writes === 0,
    writesPerNewBuild: writesPerNewBuild <= 0.1,
    writesPerNewDeploy: writesPerNewDeploy <= 0.5,
    bytesPerBuild: bytesPerBuild <= 4000,
    overheadVsFloor: overheadVsFloor <= 2.5,
    idleWorkerInvocations: idleWorkerInvocations === 0,
    forgeMonthlyUsd: cost.usd <= 0.25,
  };
  const target = (goal: string, value: unknown, ok: boolean) => ({ target: goal, value, met: ok });
  return {
    idleRequests: {
      jenkins: { perInstance: idle.jenkins },
      buildkite: { perOrganisation: idle.buildkite },
      circleci: { perProject: idle.circleciPerProject, projects: circleIdle.length, total: f.idle.servers.circleci.requests },
    },
    idleKvsWrites: f.idle.kvs.writes,
    writesPerNewBuild,
    writesPerNewDeploy,
    bytesPerBuild,
    overheadVsFloor,
    idleWorkerInvocations,
    forgeMonthlyUsd: cost.usd,
    fullSync: {
      builds: f.builds.found,
      deploys: f.deploys.found,
      requests: requests(full),
      responseBytes: full.responseBytes,
      unsizedAnswers: full.unsizedAnswers,
      kvsReads: full.kvs.reads,
      kvsWrites: full.kvs.writes,
      wallMs: full.wallMs,
      invocations: full.invocations,
      nothingLostOrDuplicated: f.builds.ok && f.deploys.found === f.deploys.expected,
    },
    idleHour: { ticks: 12, schedulerInvocations: f.idleHour.schedulerInvocations, workerInvocations: idleWorkerInvocations, requests: requests(f.idleHour), kvsWrites: f.idleHour.kvs.writes },
    growth: { newBuilds, newDeploys, requests: requests(f.growth), kvsWrites: f.growth.kvs.writes, deployWrites: f.growth.writes.deploys, wallMs: f.growth.wallMs, allStored: f.growthCheck.writtenBuilds === newBuilds && newDeploys === f.growthCheck.expectedDeploys },
    overhead: {
      rounds: f.rounds.map((r, i) => ({
        syncCpuMs: ms(r.full.syncCpuMicros),
        floorCpuMs: ms(r.floor.floorCpuMicros),
        parseCpuMs: round(r.floor.parseCpuMicros / 1000, 1),
        ratio: round(ratios[i] ?? Number.NaN, 2),
        platformCpuMs: ms(r.full.platformCpuMicros),
        gcMs: r.full.gcMillis,
      })),
      responses: lastRound(f).floor.bodies,
      responseBytes: lastRound(f).floor.bytes,
    },
    forgeCost: cost.breakdown,
    targets: {
      idleRequests: target('1 per Jenkins instance, Buildkite organisation, CircleCI project', idle, met.idleRequests),
      idleKvsWrites: target('0', f.idle.kvs.writes, met.idleKvsWrites),
      writesPerNewBuild: target('<= 0.1', writesPerNewBuild, met.writesPerNewBuild),
      writesPerNewDeploy: target('<= 0.5', writesPerNewDeploy, met.writesPerNewDeploy),
      bytesPerBuild: target('<= 4000', bytesPerBuild, met.bytesPerBuild),
      overheadVsFloor: target('<= 2.5', overheadVsFloor, met.overheadVsFloor),
      idleWorkerInvocations: target('0', idleWorkerInvocations, met.idleWorkerInvocations),
      forgeMonthlyUsd: target('<= 0.25', cost.usd, met.forgeMonthlyUsd),
    },
  };
}

export function print(f: Figures, s: ReturnType<typeof summary>): void {
  const { full } = lastRound(f);
  const line = (text: string) => console.log(text);
  line('');
  line(`Full sync: ${s.fullSync.builds} builds (${f.builds.expected} expected${f.builds.ok ? '' : `; ${f.builds.detail ?? ''}`}), ${s.fullSync.deploys} deploys (${f.deploys.expected} expected)`);
  line(`  ${s.fullSync.requests} requests (Jenkins ${full.servers.jenkins.requests}, Buildkite ${full.servers.buildkite.requests}, CircleCI ${full.servers.circleci.requests}) in ${s.fullSync.invocations} invocations, ${s.fullSync.wallMs} ms`);
  line(`  ${Math.round(s.fullSync.responseBytes / 1024)} KiB of answers: ${s.bytesPerBuild} bytes per build stored`);
  line(`  KVS ${s.fullSync.kvsReads} reads, ${s.fullSync.kvsWrites} writes (builds ${full.writes.builds}, deploys ${full.writes.deploys}, other ${full.writes.other})`);
  for (const [i, r] of s.overhead.rounds.entries()) {
    line(`  round ${i + 1}: sync CPU ${r.syncCpuMs} ms, floor (plain fetch + JSON.parse) ${r.floorCpuMs} ms (parse ${r.parseCpuMs} ms) -> ${r.ratio}; platform ${r.platformCpuMs} ms (not counted), GC ${r.gcMs} ms`);
  }
  line(`  overhead vs floor (median of ${s.overhead.rounds.length}): ${s.overheadVsFloor}`);
  line(`Nothing new: Jenkins ${s.idleRequests.jenkins.perInstance} request, Buildkite ${s.idleRequests.buildkite.perOrganisation}, CircleCI ${s.idleRequests.circleci.perProject} per project (${s.idleRequests.circleci.total} for ${s.idleRequests.circleci.projects}); ${s.idleKvsWrites} KVS writes, ${f.idle.kvs.reads} reads`);
  line(`An hour of nothing new: ${s.idleHour.schedulerInvocations} scheduler and ${s.idleHour.workerInvocations} worker invocations, ${s.idleHour.requests} requests, ${s.idleHour.kvsWrites} KVS writes`);
  line(`1 % new: ${s.growth.newBuilds} builds, ${s.growth.newDeploys} deploys (${f.growthCheck.expectedDeploys} expected); ${s.growth.requests} requests, ${s.growth.kvsWrites} KVS writes (${s.growth.deployWrites} for deploys), ${s.growth.wallMs} ms`);
  line(`  ${s.writesPerNewBuild} writes per new build, ${s.writesPerNewDeploy} per new deploy`);
  const c = s.forgeCost;
  line(`Forge, reference site: $${s.forgeMonthlyUsd} a month (compute $${c.usd.compute} for ${c.monthly.gbSeconds} GB-s at ${c.memoryMb} MB, KVS reads $${c.usd.kvsReads}, writes $${c.usd.kvsWrites}, logs $${c.usd.logs})`);
  const missed = Object.entries(s.targets).filter(([, t]) => !t.met).map(([name]) => name);
  line(missed.length ? `Targets missed: ${missed.join(', ')}` : 'Every target met');
  line(`Bench done in ${Math.round(f.totalMs / 1000)} s`);
}
