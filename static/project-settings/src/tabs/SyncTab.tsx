import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import {
  PROJECT_SETTINGS_RESOLVERS as KEYS,
  syncRequestedSchema,
  syncStatusListSchema,
  type SyncStatusList,
} from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { useLoaded } from '../../../shared/src/hooks/useLoaded';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { PROVIDER_LABELS } from '../../../shared/src/connections/ProviderFields';
import { ErrorState } from '../../../shared/src/components/ErrorState';
import { LoadingState } from '../../../shared/src/components/LoadingState';
import { formatDateTime, jobName } from '../../../shared/src/dates';
import { SavedNotice } from '../components/SavedNotice';
import Heading from '@atlaskit/heading';
import { HistoryImport } from '../../../shared/src/components/HistoryImport';
import { storedText } from '../../../shared/src/connections/stored-text';
import { plural } from '../../../shared/src/words';
import { pushedOnlyLook } from '../../../shared/src/labels';

type Row = SyncStatusList['connections'][number];

/** The scheduler's tick: every connection is looked at every five minutes. */
const TICK_MS = 5 * 60_000;
/** How often the tab asks whether a requested run has finished, and for how long. */
const POLL_MS = 2_000;
const POLL_FOR_MS = 3 * 60_000;

function outcome({ status, pushedOnly, stored }: Row) {
  if (!status && pushedOnly) {
    const look = pushedOnlyLook(Boolean(stored));
    return <Lozenge appearance={look.appearance}>{look.label}</Lozenge>;
  }
  if (!status) return <Lozenge>Never synced</Lozenge>;
  if (status.error) return <Lozenge appearance="removed">Failed</Lozenge>;
  if (!status.complete) return <Lozenge appearance="inprogress">First sync running</Lozenge>;
  return <Lozenge appearance="success">Up to date</Lozenge>;
}

/** The next tick after the last recorded run; once that has passed, the next is at most five minutes away. */
function nextRun({ status, pushedOnly }: Row, now: number): string {
  if (pushedOnly && !status) return 'Never polled: its CI sends each build';
  const last = status ? Date.parse(status.lastRunAt) : NaN;
  return Number.isFinite(last) && last + TICK_MS > now ? formatDateTime(new Date(last + TICK_MS).toISOString()) : 'Within 5 minutes';
}

function found(rows: readonly Row[]): string {
  const builds = rows.reduce((n, r) => n + (r.status?.buildsWritten ?? 0), 0);
  const deploys = rows.reduce((n, r) => n + (r.status?.deploysWritten ?? 0), 0);
  const failed = rows.filter((r) => r.status?.error);
  const what = builds || deploys ? `found ${plural(builds, 'build')} and ${plural(deploys, 'deploy')} to store` : 'found nothing new';
  return failed.length ? `${what}; ${failed.map((r) => r.name).join(', ')} failed (see below)` : what;
}

/** Per connection the project uses: the latest runs, what is stored, what comes next, and "Sync now". */
export function SyncTab() {
  const { state, reload } = useLoaded(() => callResolver(KEYS.syncStatus, {}, syncStatusListSchema));
  const [notice, setNotice] = useState<string | null>(null);
  const waiting = useRef<{ before: Map<string, string | null>; until: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  // Polls the status until every requested connection's run timestamp has moved (Sync now always records its run).
  useEffect(() => {
    const wait = waiting.current;
    if (!wait || state.status !== 'ready') return;
    const rows = state.data.connections.filter((r) => wait.before.has(r.connectionId));
    const done = rows.every((r) => (r.status?.lastRunAt ?? null) !== wait.before.get(r.connectionId));
    if (done) {
      waiting.current = null;
      const at = rows.map((r) => r.status?.lastRunAt ?? '').sort().at(-1) ?? null;
      setNotice(`Sync finished at ${formatDateTime(at)}: ${found(rows)}.`);
      return;
    }
    if (Date.now() > wait.until) {
      waiting.current = null;
      setNotice('The sync has not finished yet: it runs in the background. Refresh in a minute.');
      return;
    }
    timer.current = setTimeout(reload, POLL_MS);
  }, [state, reload]);

  const syncNow = useAction(async (connectionId?: string) => {
    const rows = state.status === 'ready' ? state.data.connections : [];
    const result = await callResolver(KEYS.syncNow, connectionId ? { connectionId } : {}, syncRequestedSchema);
    const before = new Map(result.requested.map((id): [string, string | null] => [id, rows.find((r) => r.connectionId === id)?.status?.lastRunAt ?? null]));
    waiting.current = { before, until: Date.now() + POLL_FOR_MS };
    setNotice(`Syncing ${plural(result.requested.length, 'connection')}…`);
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, POLL_MS);
  });

  if (state.status === 'loading') return <LoadingState label="Loading sync status" />;
  if (state.status === 'error') return <ErrorState title="Sync status could not load" message={state.failure.message} onRetry={reload} />;
  const rows = state.data.connections;
  const failing = rows.filter((r) => r.status?.error || (r.status?.problems.length ?? 0) > 0);
  const now = Date.now();
  const busy = syncNow.busy || waiting.current !== null;

  return (
    <Box paddingBlockStart="space.200" testId="sync-tab">
      <Stack space="space.200">
        <Heading size="small" as="h2">
          Sync
        </Heading>
        <Text color="color.text.subtle">The app looks for new builds every five minutes. Sync now asks for a run straight away and tells you what it found.</Text>
        {notice ? <SavedNotice text={notice} /> : null}
        {syncNow.failure ? <FailureMessage title="Sync was not requested" failure={syncNow.failure} /> : null}
        <DynamicTable
          head={{ cells: ['Connection', 'Status', 'Last run', 'Last successful run', 'Next run', 'Stored', ''].map((label, i) => ({ key: `h${i}`, content: label })) }}
          rows={rows.map((row) => ({
            key: row.connectionId,
            testId: `sync-row-${row.name}`,
            cells: [
              { content: `${row.name} (${PROVIDER_LABELS[row.kind]})` },
              { content: outcome(row) },
              { content: <span data-testid="sync-last-run">{formatDateTime(row.status?.lastRunAt)}</span> },
              { content: formatDateTime(row.status?.lastSuccessAt) },
              { content: nextRun(row, now) },
              {
                content: (
                  <span data-testid="sync-totals">
                    {storedText(row.stored, row.status !== null)}
                  </span>
                ),
              },
              {
                content: (
                  <Button onClick={() => void syncNow.act(row.connectionId)} isDisabled={busy} aria-label={`Sync ${row.name} now`}>
                    Sync now
                  </Button>
                ),
              },
            ],
          }))}
          emptyView={<Text>This project uses no connection yet: pick a default build server or add a deploy source first.</Text>}
          testId="sync-table"
        />
        {failing.map((row) => (
          <SectionMessage key={row.connectionId} appearance={row.status?.error ? 'error' : 'warning'} title={`${row.name}: ${row.status?.error ? 'the last sync failed' : 'some jobs could not be read'}`}>
            {row.status?.error ? (
              <>
                <p>{row.status.error.message}</p>
                <p>{row.status.error.hint}</p>
              </>
            ) : null}
            {row.status?.problems.map((p) => (
              <p key={p.jobId}>
                <strong>{jobName(p.jobId)}</strong>: {p.message} {p.hint}
              </p>
            ))}
          </SectionMessage>
        ))}
        <HistoryImport connections={rows.map((r) => ({ id: r.connectionId, name: r.name }))} />
        <Inline space="space.100">
          <Button appearance="primary" isDisabled={rows.length === 0} isLoading={busy} onClick={() => void syncNow.act()}>
            Sync now
          </Button>
          <Button appearance="subtle" onClick={reload}>
            Refresh
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}
