import { createHmac } from 'node:crypto';
import { deliver, startTicking, type WebhookSender, type WebhookTarget } from '../shared/webhook-sender';
import { buildBody } from './render';
import type { BuildkiteStandIn } from './server';

/**
 * Buildkite's pipeline webhooks, as Notification Services sends them with "X-Buildkite-Signature"
 * chosen (https://buildkite.com/docs/apis/webhooks/pipelines): a `build.finished` event with the
 * REST API's build, signed `timestamp=<unix>,signature=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 * Signed here on its own, not with the app's code, so the app's verifier is checked against it.
 */
export function startBuildkiteWebhooks(
  ci: BuildkiteStandIn,
  target: () => WebhookTarget | undefined,
  options: { readonly intervalMs?: number; readonly log?: (line: string) => void } = {},
): WebhookSender {
  const log = options.log ?? ((line: string) => console.warn(line));
  const stats = { sent: 0, accepted: 0 };
  const { model } = ci;
  // Builds that finished before the sender started were never announced: the poll has them.
  const start = model.world.clock();
  const firstRow = model.builds.length;
  const announced = new Set<number>();
  const tick = async () => {
    const to = target();
    if (!to) return;
    const now = model.world.clock();
    model.advance(now);
    for (let row = model.builds.length - 1; row >= 0; row -= 1) {
      const build = model.build(row, now);
      if (!build) continue;
      // Builds are in creation order, and none runs longer than an hour.
      if (row < firstRow && build.created < start - 3_600_000) break;
      const isNew = row >= firstRow || build.finished > start;
      if (!isNew || announced.has(row) || build.finished > now) continue;
      announced.add(row);
      const body = JSON.stringify({
        event: 'build.finished',
        build: buildBody({ model, origin: ci.url, org: ci.organization, now }, build, { withJobs: false, withPipeline: true, pipelineCache: new Map() }),
        sender: { id: 'demo-sender', name: 'Demo User' },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', to.secret).update(`${timestamp}.${body}`).digest('hex');
      await deliver(to, { 'X-Buildkite-Event': 'build.finished', 'X-Buildkite-Signature': `timestamp=${timestamp},signature=${signature}` }, body, stats, log);
    }
  };
  return { stats, stop: startTicking(tick, options.intervalMs ?? 1_000) };
}
