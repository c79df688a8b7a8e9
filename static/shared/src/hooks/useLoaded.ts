import { useCallback, useEffect, useRef, useState } from 'react';
import { failureOf, type Failure } from '../resolvers';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly failure: Failure };

const LOADING = { status: 'loading' } as const;

/**
 * Runs `load` when mounted, when `key` changes (it says when `load` asks for something else, as
 * `load` is a fresh closure each render) and on `reload()`. A reload keeps what is shown until the
 * new answer arrives; another key, or a retry after a failure, shows loading. Stale answers are dropped.
 */
export function useLoaded<T>(load: () => Promise<T>, key = ''): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>(LOADING);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const shownKey = useRef(key);
  useEffect(() => {
    let cancelled = false;
    const sameKey = shownKey.current === key;
    shownKey.current = key;
    setState((shown) => (sameKey && shown.status === 'ready' ? shown : LOADING));
    latest.current().then(
      (data) => {
        if (!cancelled) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', failure: failureOf(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
