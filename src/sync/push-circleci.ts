import { z } from 'zod';
import { DEFAULT_API_BASE_URL, type CircleCiConnection } from '../domain/connection';
import { AuthError, InvalidResponse, PermissionError, ServiceUnavailable } from '../domain/errors';
import type { FetchFn } from '../providers';

/**
 * CircleCI's webhooks API (https://circleci.com/docs/outbound-webhooks, "Webhooks Public API"):
 * `POST /api/v2/webhook` with `scope: {id: <project id>, type: 'project'}`, `signing-secret` and
 * the events, and `DELETE /api/v2/webhook/{id}`, with the connection's own token. A project
 * takes at most 5 outbound webhooks, and creating them needs organisation admin rights.
 */
const projectSchema = z.object({ id: z.string().min(1) });
const webhookSchema = z.object({ id: z.string().min(1) });

export const CIRCLECI_EVENTS = ['workflow-completed', 'job-completed'] as const;

async function call(fetch: FetchFn, url: string, token: string, init: { method: string; body?: unknown }): Promise<unknown> {
  const response = await fetch(url, {
    method: init.method,
    headers: { 'Circle-Token': token, accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (response.status === 401) throw new AuthError('CircleCI refused the connection\'s API token.');
  if (response.status === 403 || response.status === 404) {
    throw new PermissionError(`CircleCI answered ${response.status} to ${init.method} ${new URL(url).pathname}.`, {
      hint: "Creating and removing a project's webhooks needs an organisation admin's token; a project may also have its 5 webhooks already.",
    });
  }
  if (response.status === 400 || response.status === 422) {
    throw new InvalidResponse(`CircleCI refused the webhook: ${text.slice(0, 300)}`, { hint: 'A CircleCI project takes at most 5 outbound webhooks: remove one in its Project Settings, Webhooks.' });
  }
  if (!response.ok) throw new ServiceUnavailable(`CircleCI answered ${response.status}.`);
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidResponse('CircleCI answered with something other than JSON.');
  }
}

export interface CircleCiWebhookApi {
  create(slug: string, url: string, secret: string): Promise<string>;
  remove(webhookId: string): Promise<void>;
}

export function circleCiWebhookApi(connection: CircleCiConnection, token: string, fetch: FetchFn): CircleCiWebhookApi {
  const base = `${connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.circleci}/api/v2`;
  return {
    async create(slug, url, secret) {
      const project = projectSchema.safeParse(await call(fetch, `${base}/project/${slug.split('/').map(encodeURIComponent).join('/')}`, token, { method: 'GET' }));
      if (!project.success) throw new InvalidResponse(`CircleCI did not name the id of project ${slug}.`);
      const body = { name: 'Deploy Tracker for Jira', events: CIRCLECI_EVENTS, url, 'verify-tls': true, 'signing-secret': secret, scope: { id: project.data.id, type: 'project' } };
      const created = webhookSchema.safeParse(await call(fetch, `${base}/webhook`, token, { method: 'POST', body }));
      if (!created.success) throw new InvalidResponse('CircleCI did not name the webhook it created.');
      return created.data.id;
    },
    async remove(webhookId) {
      await call(fetch, `${base}/webhook/${encodeURIComponent(webhookId)}`, token, { method: 'DELETE' });
    },
  };
}
