/**
 * What a stand-in needs to send webhooks the way its CI does: where to (read on every send, so
 * the demo can hand the URL and secret over once the app made them), a tick that looks for
 * builds that finished since the last one, and a POST that never throws (a CI logs a failed
 * delivery and carries on).
 */
export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export interface WebhookSender {
  /** Deliveries made, and those the app answered with 2xx. */
  readonly stats: { sent: number; accepted: number };
  stop(): Promise<void>;
}

export function startTicking(tick: () => Promise<void>, intervalMs: number): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(async () => {
      if (!stopped) await tick();
    });
  }, intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

export async function deliver(target: WebhookTarget, headers: Record<string, string>, body: string, stats: { sent: number; accepted: number }, log: (line: string) => void): Promise<void> {
  stats.sent += 1;
  try {
    const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    if (response.ok) stats.accepted += 1;
    else log(`[webhook] ${target.url.replace(/\?.*/, '')} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  } catch (error) {
    log(`[webhook] delivery failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
