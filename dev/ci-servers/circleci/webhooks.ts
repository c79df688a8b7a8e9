import { createHmac, randomUUID } from 'node:crypto';
import { iso } from '../shared/periodic';
import { deliver, startTicking, type WebhookSender, type WebhookTarget } from '../shared/webhook-sender';
import { pipelineBody, workflowBody } from './render';
import type { CircleCiStandIn } from './server';

/**
 * CircleCI's outbound webhooks (https://circleci.com/docs/outbound-webhooks,
 * https://circleci.com/docs/webhooks-reference/): a `workflow-completed` event per workflow that
 * stops, with a fresh event `id`, `happened_at`, and the project, workflow and pipeline
 * sub-entities, signed `circleci-signature: v1=<hex HMAC-SHA256 of the body>`. Signed here on its
 * own, not with the app's code.
 */
export function startCircleCiWebhooks(
  ci: CircleCiStandIn,
  target: () => WebhookTarget | undefined,
  options: { readonly intervalMs?: number; readonly log?: (line: string) => void } = {},
): WebhookSender {
  const log = options.log ?? ((line: string) => console.warn(line));
  const stats = { sent: 0, accepted: 0 };
  const { model } = ci;
  // Workflows that stopped before the sender started were never announced: the poll has them.
  const start = model.world.clock();
  const firstNumber = new Map(model.projects.map((p) => [p.index, model.visible(p, start)]));
  const announced = new Set<string>();
  const tick = async () => {
    const to = target();
    if (!to) return;
    const now = model.world.clock();
    model.advance(now);
    for (const project of model.projects) {
      const first = firstNumber.get(project.index) ?? 0;
      for (let number = model.visible(project, now); number >= 1; number -= 1) {
        const run = model.pipeline(project, number, now);
        if (!run) continue;
        if (number <= first && run.created < start - 3_600_000) break;
        const pipeline = pipelineBody(model, run);
        for (const workflow of run.workflows) {
          const key = `${project.index}:${number}:${workflow.index}`;
          const isNew = number > first || workflow.stopped > start;
          if (!isNew || announced.has(key) || workflow.stopped > now) continue;
          announced.add(key);
          const wf = workflowBody(model, run, workflow, now);
          const body = JSON.stringify({
            type: 'workflow-completed',
            id: randomUUID(),
            happened_at: iso(workflow.stopped),
            webhook: { id: 'demo-webhook', name: 'Deploy Tracker' },
            project: { id: `project-${project.index}`, name: project.spec.slug.split('/').pop(), slug: project.spec.slug },
            organization: { id: 'demo-org-id', name: 'demo-org' },
            workflow: { id: wf['id'], name: wf['name'], status: wf['status'], created_at: wf['created_at'], stopped_at: wf['stopped_at'], url: `${ci.url}/workflow/${String(wf['id'])}` },
            pipeline: { id: pipeline['id'], number: pipeline['number'], created_at: pipeline['created_at'], trigger: pipeline['trigger'], vcs: pipeline['vcs'] },
          });
          const signature = createHmac('sha256', to.secret).update(body).digest('hex');
          await deliver(to, { 'circleci-event-type': 'workflow-completed', 'circleci-signature': `v1=${signature}` }, body, stats, log);
        }
      }
    }
  };
  return { stats, stop: startTicking(tick, options.intervalMs ?? 1_000) };
}
