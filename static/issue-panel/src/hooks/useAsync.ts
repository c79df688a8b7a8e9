import { useCallback, useEffect, useState } from 'react';
import type { Failure } from '../../../../src/shared/contract/issue-panel';
import { failureOf } from '../api';

export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly failure: Failure };

/** Runs `load` when mounted (and on retry), tracking loading, data and failure. */
export function useAsync<T>(load: () => Promise<T>, key: string): { state: AsyncState<T>; retry: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    load().then(
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
    // `load` is a fresh closure each render: `key` says when it asks for something else.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
