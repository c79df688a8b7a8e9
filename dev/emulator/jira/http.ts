import { z } from 'zod';
import { jsonResponse } from '../types';
import type { Actor, JiraSite } from './site';

/** What the app's manifest declares that some Jira APIs check (the devops APIs): module types and scopes. */
export interface AppDeclarations {
  readonly modules: readonly string[];
  readonly scopes: readonly string[];
}

/** What a route handler receives: the site, who is acting, and the parsed request. */
export interface RouteContext {
  readonly site: JiraSite;
  readonly actor: Actor;
  readonly method: string;
  readonly url: URL;
  /** The captured path segments of the route's pattern, URL-decoded. */
  readonly params: readonly string[];
  readonly body: string | undefined;
  /** The app's manifest modules and scopes, for the APIs that check them (the devops APIs). */
  readonly declarations: AppDeclarations;
}

export type RouteHandler = (context: RouteContext) => Response;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
}

/** Jira's `ErrorCollection`: `{ errorMessages: [...], errors: { field: message } }`. */
export function jiraError(status: number, errorMessages: readonly string[], errors: Record<string, string> = {}): Response {
  return jsonResponse(status, { errorMessages, errors });
}

/** Thrown by a handler to answer with an `ErrorCollection`; the router turns it into the response. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: readonly string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(`${status}: ${[...errorMessages, ...Object.values(errors)].join('; ')}`);
    this.name = 'JiraHttpError';
  }
}

/** Parses a JSON body with zod, answering 400 the way Jira does for malformed or invalid input. */
export function parseBody<T>(schema: z.ZodType<T>, body: string | undefined): T {
  let json: unknown;
  try {
    json = body === undefined || body === '' ? undefined : JSON.parse(body);
  } catch (error) {
    throw new JiraHttpError(400, [`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join('.') || 'body'] = issue.message;
  throw new JiraHttpError(400, ['The request body does not match the schema of this operation.'], errors);
}

/** An integer query parameter; Jira answers 400 for one that is not a number. */
export function intParam(url: URL, name: string, fallback: number, min = 0): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new JiraHttpError(400, [`The value '${raw}' of the '${name}' parameter is not a number.`]);
  return Math.max(min, Number(raw));
}

/** A multi-valued parameter given either repeated (`keys=A&keys=B`) or comma-separated (`keys=A,B`). */
export function listParam(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function actingUserId(actor: Actor, site: JiraSite): string {
  return actor.type === 'app' ? site.appUser.accountId : actor.user.accountId;
}
