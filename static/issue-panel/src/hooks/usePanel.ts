import { useCallback, useState } from 'react';
import {
  deployPageSchema,
  ISSUE_PANEL_RESOLVERS,
  panelSchema,
  type DeployRow,
  type PanelView,
} from '../../../../src/shared/contract/issue-panel';
import { useLoaded, type Loaded } from '../../../shared/src/hooks/useLoaded';
import { callResolver, failureOf, type Failure } from '../../../shared/src/resolvers';

export interface OlderDeploys {
  readonly deploys: readonly DeployRow[];
  readonly cursor: string | null;
  readonly loading: boolean;
  readonly failure: Failure | null;
}

export interface PanelState {
  readonly state: Loaded<PanelView>;
  readonly retry: () => void;
  /** Pages fetched with "Load older deploys", after the first answer's. */
  readonly older: OlderDeploys;
  readonly loadOlder: (cursor: string) => void;
}

const NO_OLDER: OlderDeploys = { deploys: [], cursor: null, loading: false, failure: null };

export function usePanel(): PanelState {
  const { state, reload } = useLoaded(() => callResolver(ISSUE_PANEL_RESOLVERS.load, {}, panelSchema));
  const [older, setOlder] = useState<OlderDeploys>(NO_OLDER);

  const retry = useCallback(() => {
    setOlder(NO_OLDER);
    reload();
  }, [reload]);

  const loadOlder = useCallback((cursor: string) => {
    setOlder((o) => ({ ...o, loading: true, failure: null }));
    callResolver(ISSUE_PANEL_RESOLVERS.more, { cursor }, deployPageSchema).then(
      (page) => setOlder((o) => ({ deploys: [...o.deploys, ...page.deploys], cursor: page.cursor, loading: false, failure: null })),
      (error: unknown) => setOlder((o) => ({ ...o, loading: false, failure: failureOf(error) })),
    );
  }, []);

  return { state, retry, older, loadOlder };
}
