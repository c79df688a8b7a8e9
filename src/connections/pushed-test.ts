import type { Connection } from '../domain/connection';
import type { TestResult } from '../shared/contract/connections';
import { pushHealthOf } from '../sync/push-health';

/**
 * "Test connection" for a connection the app never calls (pushed only, often behind a firewall):
 * nothing is sent to the server; the answer is whether its CI's signed build events arrive.
 */
export async function testPushedOnly(connection: Connection, now: number): Promise<TestResult> {
  const [health] = await pushHealthOf([connection], now);
  const last = health?.lastEventAt ?? null;
  const status =
    last === null
      ? 'No build event has arrived yet: add the step shown under Webhooks to your CI, then run a build.'
      : health?.health === 'quiet'
        ? `Webhooks went quiet: the last build event arrived at ${last}. Check the CI step and its secret.`
        : `Build events arrive: the last one at ${last}.`;
  return {
    provider: connection.kind,
    serverVersion: null,
    user: null,
    warnings: [`Pushed only: Deploy Tracker does not contact this server. ${status}`],
  };
}
