import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { JenkinsStandIn } from '../ci-servers';
import { DEMO_CREDENTIALS } from '../ci-servers';
import { deliver, startTicking, type WebhookSender, type WebhookTarget } from '../ci-servers/shared/webhook-sender';

/** The demo's firewalled Jenkins job: its builds reach the app only through what they send. */
export const PUSHED_JENKINS_JOB = 'backend-service';

const buildsSchema = z.object({
  builds: z.array(z.object({ number: z.number(), result: z.string().nullable(), building: z.boolean(), timestamp: z.number(), duration: z.number(), url: z.string() })),
});

/**
 * What the Jenkinsfile snippet of the settings page does at the end of each build of one job
 * (`post { always { … } }`): a JSON event signed with openssl's HMAC-SHA256 over
 * "<timestamp>.<body>", sent with curl. Here the job's last finished build is sent once at start
 * and every build that finishes afterwards; the signing is done here, apart from the app's code.
 */
export function startJenkinsPushes(ci: JenkinsStandIn, target: () => WebhookTarget | undefined, options: { readonly intervalMs?: number; readonly log?: (line: string) => void } = {}): WebhookSender {
  const log = options.log ?? ((line: string) => console.warn(line));
  const stats = { sent: 0, accepted: 0 };
  const auth = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.jenkins.username}:${DEMO_CREDENTIALS.jenkins.apiToken}`).toString('base64')}`;
  let lastSent = 0;
  const tick = async () => {
    const to = target();
    if (!to) return;
    let builds: z.infer<typeof buildsSchema>['builds'];
    try {
      const response = await fetch(`${ci.url}/job/${PUSHED_JENKINS_JOB}/api/json?tree=builds[number,result,building,timestamp,duration,url]{0,5}`, { headers: { authorization: auth } });
      builds = buildsSchema.parse(await response.json()).builds;
    } catch (error) {
      log(`[jenkins-push] could not read the job: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const finished = builds.filter((b) => !b.building && b.number > lastSent).sort((a, b) => a.number - b.number);
    for (const build of lastSent === 0 ? finished.slice(-1) : finished) {
      const body = JSON.stringify({ job: PUSHED_JENKINS_JOB, number: build.number, result: build.result, startedAt: build.timestamp, durationMs: build.duration, url: build.url });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', to.secret).update(`${timestamp}.${body}`).digest('hex');
      await deliver(to, { 'X-Deploy-Tracker-Timestamp': String(timestamp), 'X-Deploy-Tracker-Signature': `sha256=${signature}` }, body, stats, log);
      lastSent = build.number;
    }
  };
  return { stats, stop: startTicking(tick, options.intervalMs ?? 2_000) };
}
