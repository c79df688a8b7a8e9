import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '@forge/bridge';
import * as z from 'zod/mini';
import { messageOf } from '../../../shared/src/errors';

const failureSchema = z.object({ ok: z.literal(false), error: z.object({ name: z.string(), message: z.string(), hint: z.string() }) });
const successSchema = z.object({ ok: z.literal(true), data: z.unknown() });

/** A refusal the backend explained: shown with its hint, as the backend wrote it. */
export class ResolverError extends Error {
  override readonly name: string;
  readonly hint: string;
  constructor(failure: { name: string; message: string; hint: string }) {
    super(failure.message);
    this.name = failure.name;
    this.hint = failure.hint;
  }
}

export interface Problem {
  readonly name: string;
  readonly message: string;
  readonly hint: string | null;
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ResolverError) return { name: error.name, message: error.message, hint: error.hint };
  return { name: 'Error', message: messageOf(error), hint: null };
}

/**
 * Calls one resolver (src/resolvers/define.ts answers `{ok, data}` or `{ok: false, error}`) and
 * checks the data against the shared contract, so a backend change shows up as a clear error.
 */
export async function call<S extends z.ZodMiniType>(key: string, payload: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
  const answer: unknown = await invoke(key, payload);
  const failure = failureSchema.safeParse(answer);
  if (failure.success) throw new ResolverError(failure.data.error);
  const success = successSchema.safeParse(answer);
  const data = success.success ? schema.safeParse(success.data.data) : undefined;
  if (!data?.success) {
    throw new Error(`The app's backend answered "${key}" in a shape this page does not know. Reload the page; if it persists, the app needs a fix.`);
  }
  return data.data;
}

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly problem: Problem };

/** Loads once, again on `reload()`; stale answers of an earlier load are dropped. */
export function useLoaded<T>(load: () => Promise<T>): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let cancelled = false;
    latest
      .current()
      .then((data) => !cancelled && setState({ status: 'ready', data }))
      .catch((error: unknown) => !cancelled && setState({ status: 'error', problem: problemOf(error) }));
    return () => {
      cancelled = true;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

/** One button's call: `busy` while it runs, then the result or the problem. */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const act = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setBusy(true);
      setProblem(null);
      try {
        return await run(...args);
      } catch (error) {
        setProblem(problemOf(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [run],
  );
  return { act, busy, problem, clear: () => setProblem(null) };
}
