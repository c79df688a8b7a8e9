import { branchOf, causeOf, checkoutOf, commitOf, fullDisplayName, parametersOf, type RenderContext } from './context';
import type { BuildRow } from './model';
import { hex } from '../shared/random';
import { failingStage, stagesOf } from './stages';

/**
 * Console logs, generated from the build: ANSI colours as the AnsiColor plugin leaves them, the
 * error marker near the end of a failed build. ASCII only, so characters are bytes and
 * `progressiveText?start=N` offsets are exact. A job with `logBytes` gets a log of that size whose
 * middle is fixed-width lines computed from their index: any slice is produced without the rest.
 */
export interface ConsoleLog {
  /** Bytes written so far (all of it once the build finished). */
  readonly size: number;
  readonly complete: boolean;
  chunks(start: number): Iterable<string>;
}

const ESC = '\u001b[';
const green = (s: string) => `${ESC}32m${s}${ESC}39m`;
const red = (s: string) => `${ESC}31m${s}${ESC}39m`;
const bold = (s: string) => `${ESC}1m${s}${ESC}22m`;
const cyan = (s: string) => `${ESC}36m${s}${ESC}0m`;
const TESTS = ['checkout/basket', 'checkout/discount', 'payments/client', 'search/language', 'orders/export', 'auth/reset-link'];
export const FILLER_WIDTH = 120;
const CHUNK = 64 * 1024;

function stageLines(ctx: RenderContext, build: BuildRow, name: string, failed: boolean): string[] {
  const checkout = checkoutOf(ctx, build);
  const commit = checkout?.commit ?? commitOf(ctx, build.commit);
  const short = commit.sha.slice(0, 7);
  const env = build.job.spec.env ?? 'staging';
  switch (name) {
    case 'Checkout':
      return [
        'The recommended git tool is: NONE',
        `Fetching upstream changes from ${ctx.model.remotes.jenkins}`,
        ` > git fetch --tags --force --progress -- ${ctx.model.remotes.jenkins} +refs/heads/*:refs/remotes/origin/* # timeout=10`,
        `Checking out Revision ${commit.sha} (refs/remotes/origin/${checkout?.branch ?? branchOf(build.job)})`,
        ` > git checkout -f ${commit.sha} # timeout=10`,
        `Commit message: "${commit.subject}"`,
      ];
    case 'Install':
      return ['+ npm ci', `added ${1200 + (build.number % 97)} packages in 21s`];
    case 'Test': {
      const lines = ['+ npm test', ...TESTS.map((t, i) => `${failed && i === 1 ? red('FAIL') : green('PASS')} src/${t}.test.ts (${(1 + ((build.number + i) % 7) * 0.4).toFixed(1)} s)`)];
      if (failed) lines.push(`  ${bold('* checkout > discount > applies the code once')}`, '    Expected: 200', '    Received: 504');
      return [...lines, `Tests:       ${failed ? `${bold(red('1 failed'))}, ` : ''}${green('212 passed')}, ${failed ? 213 : 212} total`];
    }
    case 'Build image':
      return [`+ docker build -t registry.example.com/shop/storefront:${short} .`, `Successfully built ${hex(12, 'image', commit.sha)}`];
    case 'Publish':
      return [`+ docker push registry.example.com/shop/storefront:${short}`, `${short}: digest: sha256:${hex(64, 'digest', commit.sha)} size: 2417`];
    case 'Deploy':
      return [
        `+ ./deploy.sh --env ${env} --sha ${commit.sha}`,
        `${cyan('==>')} Rolling out storefront ${short} to ${env}`,
        failed ? red('error: deployment "storefront" exceeded its progress deadline') : 'deployment "storefront" successfully rolled out',
      ];
    default:
      return [`+ curl -fsS https://${env}.example.com/healthz`, 'ok'];
  }
}

interface Parts {
  readonly head: string;
  readonly fillerLines: number;
  readonly tail: string;
}

function parts(ctx: RenderContext, build: BuildRow): Parts {
  const pipeline = build.job.spec.pipeline;
  const workspace = fullDisplayName(build.job).replace(/ » /g, '_').replace(/[^A-Za-z0-9_.-]/g, '_');
  const head = [causeOf(ctx, build).shortDescription];
  for (const p of parametersOf(ctx, build)) head.push(`[Parameter] ${p.name}=${String(p.value)}`);
  head.push(pipeline ? `Obtained Jenkinsfile from git ${ctx.model.remotes.jenkins}` : 'Running as SYSTEM');
  if (pipeline) head.push('[Pipeline] Start of Pipeline', '[Pipeline] node');
  head.push(`Running on agent-linux-${1 + (build.number % 4)} in /home/jenkins/workspace/${workspace}`);
  const failAt = failingStage(build.job);
  const failed = build.result === 'FAILURE';
  const lines = head;
  stagesOf(build, ctx.now).forEach((stage, index) => {
    if (pipeline) lines.push('[Pipeline] stage', `[Pipeline] { (${stage.name})`);
    if (stage.status === 'NOT_EXECUTED') {
      if (pipeline) lines.push(`Stage "${stage.name}" skipped due to earlier failure(s)`, '[Pipeline] }');
      return;
    }
    const all = stageLines(ctx, build, stage.name, failed && index === failAt);
    lines.push(...(stage.status === 'IN_PROGRESS' ? all.slice(0, Math.ceil(all.length / 2)) : all));
    if (pipeline && stage.status !== 'IN_PROGRESS') lines.push('[Pipeline] }');
  });
  if (!build.building) {
    if (pipeline) lines.push('[Pipeline] // node', '[Pipeline] End of Pipeline');
    if (failed) lines.push(pipeline ? red('ERROR: script returned exit code 1') : "Build step 'Execute shell' marked build as failure");
    if (build.result === 'ABORTED') lines.push('Aborted by Priya Lead');
    lines.push(`Finished: ${build.result ?? 'SUCCESS'}`);
  }
  // A huge log's bulk is the test run's output: what follows it (errors, the result) is the tail.
  const testRun = lines.indexOf('+ npm test');
  const split = build.job.spec.logBytes && testRun >= 0 ? testRun + 1 : lines.length;
  const headText = lines.slice(0, split).join('\n') + '\n';
  const tailText = split < lines.length ? lines.slice(split).join('\n') + '\n' : '';
  const logBytes = build.job.spec.logBytes ? ctx.model.hugeLogBytes : 0;
  const fillerTotal = Math.max(0, Math.floor((logBytes - headText.length - tailText.length) / FILLER_WIDTH));
  const fraction = build.building ? Math.min(1, Math.max(0, (ctx.now - build.start) / build.duration)) : 1;
  return { head: headText, fillerLines: Math.floor(fillerTotal * fraction), tail: tailText };
}

function fillerLine(build: BuildRow, index: number): string {
  const stamp = new Date(build.start + index * 5).toISOString();
  const text = `${cyan(`[${stamp}]`)} INFO  integration step ${String(index).padStart(9, '0')} ok `;
  return `${text.padEnd(FILLER_WIDTH - 1, '.')}\n`;
}

export function consoleLog(ctx: RenderContext, build: BuildRow): ConsoleLog {
  const { head, fillerLines, tail } = parts(ctx, build);
  const fillerEnd = head.length + fillerLines * FILLER_WIDTH;
  return {
    size: fillerEnd + tail.length,
    complete: !build.building,
    *chunks(start: number) {
      let at = Math.max(0, start);
      if (at < head.length) {
        yield head.slice(at);
        at = head.length;
      }
      while (at < fillerEnd) {
        const first = Math.floor((at - head.length) / FILLER_WIDTH);
        const last = Math.min(fillerLines, first + Math.ceil(CHUNK / FILLER_WIDTH));
        let text = '';
        for (let i = first; i < last; i += 1) text += fillerLine(build, i);
        yield text.slice(at - head.length - first * FILLER_WIDTH);
        at = head.length + last * FILLER_WIDTH;
      }
      if (at - fillerEnd < tail.length) yield tail.slice(at - fillerEnd);
    },
  };
}
