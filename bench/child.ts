import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { GrowAllResult } from '../dev/ci-servers';
import type { StandInSite } from './stand-in-sites';
import type { BuildRef, ChildReply, ChildRequest, ServerStats } from './stand-ins-protocol';

type Ready = Extract<ChildReply, { kind: 'ready' }>;
type Stats = Extract<ChildReply, { kind: 'stats' }>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The stand-ins' process, driven by request and reply over IPC. */
export class StandInsProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ChildReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly urls: Ready,
  ) {
    child.on('message', (raw: unknown) => {
      const reply = raw as ChildReply;
      if (reply.kind === 'ready') return;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  static async start(site: StandInSite = 'bench'): Promise<StandInsProcess> {
    const child = fork(path.join(__dirname, 'stand-ins-process.ts'), [site], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the stand-ins exited with code ${code}`)));
      child.on('message', (raw: unknown) => {
        const reply = raw as ChildReply;
        if (reply.kind === 'ready') resolve(reply);
      });
    });
    child.removeAllListeners('exit');
    return new StandInsProcess(child, ready);
  }

  private ask(request: DistributiveOmit<ChildRequest, 'id'>): Promise<ChildReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }

  async grow(percent: number): Promise<GrowAllResult> {
    const reply = await this.ask({ kind: 'grow', percent });
    if (reply.kind !== 'grown') throw new Error('unexpected reply to grow');
    return reply.result;
  }

  async stats(): Promise<Record<'jenkins' | 'buildkite' | 'circleci', ServerStats>> {
    const reply = await this.ask({ kind: 'stats' });
    if (reply.kind !== 'stats') throw new Error('unexpected reply to stats');
    const { jenkins, buildkite, circleci } = reply as Stats;
    return { jenkins, buildkite, circleci };
  }

  async resetStats(): Promise<void> {
    await this.ask({ kind: 'reset' });
  }

  async expected(buildkiteFrom: number): Promise<BuildRef[]> {
    const reply = await this.ask({ kind: 'expected', buildkiteFrom });
    if (reply.kind !== 'expected') throw new Error('unexpected reply to expected');
    return reply.builds;
  }

  async allJenkinsBuilds(): Promise<BuildRef[]> {
    const reply = await this.ask({ kind: 'all-jenkins' });
    if (reply.kind !== 'expected') throw new Error('unexpected reply to all-jenkins');
    return reply.builds;
  }

  async close(): Promise<void> {
    await this.ask({ kind: 'close' });
  }
}
