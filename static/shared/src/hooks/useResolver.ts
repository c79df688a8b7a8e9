import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '@forge/bridge';
import { messageOf } from '../errors';

export type ResolverState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly message: string };

export interface ResolverResult<T> {
  readonly state: ResolverState<T>;
  /** Calls the resolver again, e.g. from a "Try again" button. */
  readonly reload: () => void;
}

/** The shape check every answer goes through; a zod schema's `safeParse` fits. */
export type SafeParse<T> = (value: unknown) => { success: true; data: T } | { success: false };

/**
 * Calls one resolver through the real `@forge/bridge` `invoke` and tracks loading, data and error.
 * The payload is compared by its JSON, so callers may pass object literals without memoising them.
 */
export function useResolver<T>(
  functionKey: string,
  safeParse: SafeParse<T>,
  payload: Record<string, unknown> = {},
): ResolverResult<T> {
  const [state, setState] = useState<ResolverState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef({ payload, safeParse });
  latest.current = { payload, safeParse };
  const payloadJson = JSON.stringify(payload);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    invoke(functionKey, latest.current.payload)
      .then((value) => {
        if (cancelled) return;
        const parsed = latest.current.safeParse(value);
        setState(
          parsed.success
            ? { status: 'ready', data: parsed.data }
            : { status: 'error', message: `The app's backend answered "${functionKey}" in a shape this page does not know. Reload the page; if it persists, the app needs a fix.` },
        );
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: messageOf(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [functionKey, payloadJson, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
