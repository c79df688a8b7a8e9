import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Jenkins that answers the JSON API the provider uses (job tree with last build numbers,
 * `builds[...]{0,n}`, one build) from an in-memory model the test changes as it goes. Faults are
 * injected per request; every request is recorded.
 */
export interface FakeCommit {
  readonly sha: string;
  readonly message: string;
}

export interface FakeBuild {
  readonly number: number;
  result: 'SUCCESS' | 'FAILURE' | 'ABORTED' | null;
  readonly timestamp: number;
  duration: number;
  readonly branch: string;
  readonly commits: readonly FakeCommit[];
  readonly parameters: Readonly<Record<string, string>>;
}

export interface FakeRequest {
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface FaultReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Never answer. */
  readonly hang?: boolean;
}

export type Fault = (request: FakeRequest) => FaultReply | undefined;

const FOLDER = 'com.cloudbees.hudson.plugins.folder.Folder';
const PIPELINE = 'org.jenkinsci.plugins.workflow.job.WorkflowJob';

export class FakeJenkins {
  readonly jobs = new Map<string, FakeBuild[]>();
  readonly requests: FakeRequest[] = [];
  /** Jenkins never reuses a build number, not even after a deletion. */
  private readonly lastNumbers = new Map<string, number>();
  faults: Fault[] = [];
  url = '';
  private server: http.Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();

  addJob(path: string): this {
    if (!this.jobs.has(path)) this.jobs.set(path, []);
    return this;
  }

  /** Adds the next build of a job; `head` is the commit it built, `commits` what changed since the last build. */
  addBuild(path: string, build: Partial<Omit<FakeBuild, 'number'>> & { readonly commits: readonly FakeCommit[] }): FakeBuild {
    const builds = this.jobs.get(path) ?? [];
    this.jobs.set(path, builds);
    const number = (this.lastNumbers.get(path) ?? 0) + 1;
    this.lastNumbers.set(path, number);
    const next: FakeBuild = {
      number,
      result: 'SUCCESS',
      timestamp: Date.parse('2026-11-01T10:00:00Z') + builds.length * 600_000,
      duration: 120_000,
      branch: 'main',
      parameters: {},
      ...build,
    };
    builds.push(next);
    return next;
  }

  build(path: string, number: number): FakeBuild {
    const found = this.jobs.get(path)?.find((b) => b.number === number);
    if (!found) throw new Error(`no build ${path} #${number}`);
    return found;
  }

  rename(from: string, to: string): void {
    const builds = this.jobs.get(from);
    if (!builds) throw new Error(`no job ${from}`);
    this.jobs.delete(from);
    this.jobs.set(to, builds);
    this.lastNumbers.set(to, this.lastNumbers.get(from) ?? 0);
  }

  deleteBuild(path: string, number: number): void {
    const builds = this.jobs.get(path) ?? [];
    this.jobs.set(path, builds.filter((b) => b.number !== number));
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.answer(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = { path: decodeURIComponent(url.pathname), query: url.searchParams };
    this.requests.push(request);
    const fault = this.faults.map((f) => f(request)).find((r) => r !== undefined);
    if (fault?.hang) return;
    if (fault) {
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? '');
      return;
    }
    const body = this.route(request);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json;charset=utf-8', 'x-jenkins': '2.462' });
    res.end(JSON.stringify(body ?? { message: 'Not found' }));
  }

  private route(request: FakeRequest): unknown {
    const match = /^((?:\/job\/[^/]+)*)\/(?:(\d+)\/)?api\/json$/.exec(request.path);
    if (!match) return undefined;
    const path = (match[1] ?? '').split('/job/').filter(Boolean).join('/');
    const tree = request.query.get('tree') ?? '';
    if (path === '' || tree.startsWith('jobs[')) return { _class: 'hudson.model.Hudson', jobs: this.children(path) };
    const builds = this.jobs.get(path);
    if (!builds) return undefined;
    if (match[2]) {
      const build = builds.find((b) => b.number === Number(match[2]));
      return build ? this.buildJson(path, build) : undefined;
    }
    const count = Number(/\{0,(\d+)\}$/.exec(tree)?.[1] ?? '100');
    const newest = [...builds].reverse().slice(0, tree.startsWith('allBuilds') ? count : Math.min(count, 100));
    return { _class: PIPELINE, name: path.split('/').pop(), [tree.startsWith('allBuilds') ? 'allBuilds' : 'builds']: newest.map((b) => this.buildJson(path, b)) };
  }

  private children(folder: string): unknown[] {
    const prefix = folder ? `${folder}/` : '';
    const names = new Map<string, boolean>();
    for (const path of this.jobs.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length).split('/');
      names.set(rest[0] ?? '', rest.length > 1 || names.get(rest[0] ?? '') === true);
    }
    return [...names].map(([name, isFolder]) => {
      const full = `${prefix}${name}`;
      if (isFolder) return { _class: FOLDER, name, jobs: this.children(full) };
      const builds = this.jobs.get(full) ?? [];
      const last = builds[builds.length - 1];
      return { _class: PIPELINE, name, lastBuild: last ? { number: last.number } : null };
    });
  }

  private buildJson(path: string, build: FakeBuild): unknown {
    const jobUrl = `${this.url}${path.split('/').map((p) => `/job/${encodeURIComponent(p)}`).join('')}/`;
    const head = build.commits[build.commits.length - 1]?.sha ?? null;
    return {
      _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
      number: build.number,
      url: `${jobUrl}${build.number}/`,
      result: build.result,
      building: build.result === null,
      timestamp: build.timestamp,
      duration: build.result === null ? 0 : build.duration,
      displayName: `#${build.number}`,
      fullDisplayName: `${path.split('/').join(' » ')} #${build.number}`,
      actions: [
        { _class: 'hudson.model.CauseAction', causes: [{ _class: 'hudson.triggers.SCMTrigger$SCMTriggerCause', shortDescription: 'Started by an SCM change' }] },
        ...(Object.keys(build.parameters).length
          ? [{ _class: 'hudson.model.ParametersAction', parameters: Object.entries(build.parameters).map(([name, value]) => ({ _class: 'hudson.model.StringParameterValue', name, value })) }]
          : []),
        ...(head
          ? [{ _class: 'hudson.plugins.git.util.BuildData', lastBuiltRevision: { SHA1: head, branch: [{ SHA1: head, name: `refs/remotes/origin/${build.branch}` }] }, remoteUrls: ['https://git.example.com/shop.git'] }]
          : []),
      ],
      changeSets: [
        {
          _class: 'hudson.plugins.git.GitChangeSetList',
          kind: 'git',
          items: build.commits.map((c) => ({ commitId: c.sha, msg: c.message, timestamp: build.timestamp - 60_000, authorEmail: 'dev@example.com', author: { fullName: 'Dev' } })),
        },
      ],
    };
  }
}

/** A 40-character SHA made from a small number, readable in failures. */
export function sha(n: number): string {
  return n.toString(16).padStart(40, '0');
}
