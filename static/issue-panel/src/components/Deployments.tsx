import { useMemo } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { OlderDeploys } from '../hooks/usePanel';
import { byEnvironment, type ReadyView } from '../model';
import { oneRowPerDeploy, totalLine } from '../summary';
import { Environments } from './Environments';
import { NoDeploys } from './EmptyPanel';
import { PanelError } from './PanelError';
import { StaleNotes } from './StaleNotes';

/** The panel with data: the stale-data note, the environments, and the way to older deploys. */
export function Deployments({
  view,
  older,
  onLoadOlder,
}: {
  readonly view: ReadyView;
  readonly older: OlderDeploys;
  readonly onLoadOlder: (cursor: string) => void;
}) {
  const all = useMemo(() => oneRowPerDeploy([...view.deploys, ...older.deploys]), [view.deploys, older.deploys]);
  const groups = useMemo(() => byEnvironment(all), [all]);
  // Before the first "load older", the cursor is the first answer's; after, the last page's.
  const cursor = older.deploys.length > 0 || older.cursor ? older.cursor : view.cursor;
  return (
    <Stack space="space.200" testId="deployments">
      <StaleNotes notes={view.stale} />
      {groups.length === 0 ? <NoDeploys issueKey={view.issueKey} /> : <Environments groups={groups} issueKey={view.issueKey} />}
      {older.failure ? <PanelError title="Older deploys could not load" failure={older.failure} testId="older-error" /> : null}
      {groups.length > 0 ? (
        // What a person checks, for tests to read: rows listed against the stored total, every page in, a page loading.
        <div
          data-testid="deploy-total"
          data-total={all.length}
          data-stored={view.total ?? undefined}
          data-complete={cursor ? 'false' : 'true'}
          aria-busy={older.loading}
        >
          <Inline space="space.100" alignBlock="center">
            <Text color="color.text.subtle" size="small">
              {totalLine(all.length, cursor ? (view.total ?? null) : all.length, view.issueKey)}
            </Text>
            {cursor ? (
              <Button spacing="compact" onClick={() => onLoadOlder(cursor)} isLoading={older.loading} testId="load-older">
                Show older deploys
              </Button>
            ) : null}
          </Inline>
        </div>
      ) : null}
    </Stack>
  );
}
