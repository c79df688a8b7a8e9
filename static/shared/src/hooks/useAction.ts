import { useCallback, useState } from 'react';
import { failureOf, type Failure } from '../resolvers';

/** One button's call: `busy` while it runs, then the result or the failure. */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T>) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const act = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setBusy(true);
      setFailure(null);
      try {
        return await run(...args);
      } catch (error) {
        setFailure(failureOf(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [run],
  );
  return { act, busy, failure, clear: () => setFailure(null) };
}
