import api, { route } from '@forge/api';
import type { z } from 'zod';
import type { JiraBuild } from '../../domain/jira-devops-build';
import type { JiraProperties } from '../../domain/jira-devops-batch';
import type { JiraDeployment } from '../../domain/jira-devops-deployment';
import { JiraUnavailable } from '../errors';
import { JiraDevopsRefused, JiraDevopsUnavailable } from './errors';
import { errorText, submitBuildsResponseSchema, submitDeploymentsResponseSchema, type SubmitBuildsResponse, type SubmitDeploymentsResponse } from './wire';

export interface DevopsClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface DevopsDeps {
  readonly clock: DevopsClock;
  /** Milliseconds left in the invocation: a wait that would not leave time to send again is not started. */
  readonly remainingMillis: () => number;
}

/** What is kept back after a wait: one more request and the writes after it. */
const SAFETY_MS = 10_000;
const MAX_ATTEMPTS = 4;
const BASE_BACKOFF_MS = 1_000;
const PRODUCT = 'Deploy Tracker';

type JiraResponse = Awaited<ReturnType<ReturnType<typeof api.asApp>['requestJira']>>;

/** 429 (Jira's points-based rate limits for Forge apps) and 5xx are Jira's to recover from. */
function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110). */
function retryAfterMs(response: JiraResponse, now: number): number | null {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function bodyOf(response: JiraResponse): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Jira Software's devops APIs, as the app (asApp: the data is the app's, sent without a user).
 * Each call is retried on 429 and 5xx after Jira's `Retry-After` (else a doubling backoff) while
 * the invocation has time for it; a refusal of the whole request is thrown as JiraDevopsRefused.
 */
export class JiraDevopsClient {
  constructor(private readonly deps: DevopsDeps) {}

  async submitDeployments(deployments: readonly JiraDeployment[], properties: JiraProperties): Promise<SubmitDeploymentsResponse> {
    const body = JSON.stringify({ deployments, properties, providerMetadata: { product: PRODUCT } });
    const response = await this.send('sending deployments', () =>
      api.asApp().requestJira(route`/rest/deployments/0.1/bulk`, { method: 'POST', headers: jsonHeaders, body }),
    );
    return this.parse(response, submitDeploymentsResponseSchema, 'deployments');
  }

  async submitBuilds(builds: readonly JiraBuild[], properties: JiraProperties): Promise<SubmitBuildsResponse> {
    const body = JSON.stringify({ builds, properties, providerMetadata: { product: PRODUCT } });
    const response = await this.send('sending builds', () =>
      api.asApp().requestJira(route`/rest/builds/0.1/bulk`, { method: 'POST', headers: jsonHeaders, body }),
    );
    return this.parse(response, submitBuildsResponseSchema, 'builds');
  }

  /** Deletes every deployment the app sent with all of these properties (Jira deletes asynchronously). */
  async deleteDeployments(properties: JiraProperties): Promise<void> {
    const params = queryOf(properties);
    await this.send('deleting deployments', () =>
      api.asApp().requestJira(route`/rest/deployments/0.1/bulkByProperties?${params}`, { method: 'DELETE', headers: { Accept: 'application/json' } }),
    );
  }

  /** Deletes every build the app sent with all of these properties. */
  async deleteBuilds(properties: JiraProperties): Promise<void> {
    const params = queryOf(properties);
    await this.send('deleting builds', () =>
      api.asApp().requestJira(route`/rest/builds/0.1/bulkByProperties?${params}`, { method: 'DELETE', headers: { Accept: 'application/json' } }),
    );
  }

  private async send(what: string, request: () => Promise<JiraResponse>): Promise<JiraResponse> {
    for (let attempt = 1; ; attempt++) {
      const response = await request();
      if (response.ok) return response;
      const body = await bodyOf(response);
      const reason = errorText(body);
      const message = `Jira answered ${response.status} when ${what}${reason ? `: ${reason}` : '.'}`;
      if (!retryable(response.status)) throw new JiraDevopsRefused(response.status, message);
      const wait = retryAfterMs(response, this.deps.clock.now()) ?? BASE_BACKOFF_MS * 2 ** (attempt - 1);
      if (attempt >= MAX_ATTEMPTS || wait + SAFETY_MS > this.deps.remainingMillis()) throw new JiraDevopsUnavailable(message, wait);
      await this.deps.clock.sleep(wait);
    }
  }

  private async parse<T>(response: JiraResponse, schema: z.ZodType<T>, what: string): Promise<T> {
    const parsed = schema.safeParse(await bodyOf(response));
    if (!parsed.success) throw new JiraUnavailable(`Jira took the ${what} but answered in an unexpected shape.`);
    return parsed.data;
  }
}

const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json' };

function queryOf(properties: JiraProperties): URLSearchParams {
  return new URLSearchParams(Object.entries(properties));
}
