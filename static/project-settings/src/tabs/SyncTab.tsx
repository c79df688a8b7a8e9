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
import { SavedNotice } from '../components/SavedNotice';
import Heading from '@atlaskit/heading';
import { HistoryImport } from '../../../shared/src/components/HistoryImport';

type Row = SyncStatusList['connections'][number];

/** Refreshes after "Sync now" a few times, as the sync runs in the background. */
const REFRESH_AFTER_MS = [2_000, 5_000, 10_000, 20_000];

function outcome(status: Row['status']) {
  if (!status) return <Lozenge>Never synced</Lozenge>;
  if (status.error) return <Lozenge appearance="removed">Failed</Lozenge>;
  if (!status.complete) return <Lozenge appearance="inprogress">Continuing</Lozenge>;
  return <Lozenge appearance="success">Up to date</Lozenge>;
}

function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Per connection the project uses: the last sync, its figures and errors, and "Sync now". */
export function SyncTab() {
  const { state, reload } = useLoaded(() => callResolver(KEYS.syncStatus, {}, syncStatusListSchema));
  const [requested, setRequested] = useState<string | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  const syncNow = useAction(async (connectionId?: string) => {
    const result = await callResolver(KEYS.syncNow, connectionId ? { connectionId } : {}, syncRequestedSchema);
    setRequested(`Sync requested for ${result.requested.length} connection${result.requested.length === 1 ? '' : 's'}. This list refreshes as it runs.`);
    timers.current.forEach(clearTimeout);
    timers.current = REFRESH_AFTER_MS.map((ms) => setTimeout(reload, ms));
  });

  if (state.status === 'loading') return <LoadingState label="Loading sync status" />;
  if (state.status === 'error') return <ErrorState title="Sync status could not load" message={state.failure.message} onRetry={reload} />;
  const rows = state.data.connections;
  const failing = rows.filter((r) => r.status?.error || (r.status?.problems.length ?? 0) > 0);

  return (
    <Box paddingBlockStart="space.200" testId="sync-tab">
      <Stack space="space.200">
        <Heading size="small" as="h2">
          Sync
        </Heading>
        <Text color="color.text.subtle">The app syncs every five minutes. Sync now asks for a run straight away.</Text>
        {requested ? <SavedNotice text={requested} /> : null}
        {syncNow.failure ? <FailureMessage title="Sync was not requested" failure={syncNow.failure} /> : null}
        <DynamicTable
          head={{ cells: ['Connection', 'Status', 'Last sync', 'Duration', 'Builds', 'Deploys', 'Requests', ''].map((label, i) => ({ key: `h${i}`, content: label })) }}
          rows={rows.map((row) => ({
            key: row.connectionId,
            testId: `sync-row-${row.name}`,
            cells: [
              { content: `${row.name} (${PROVIDER_LABELS[row.kind]})` },
              { content: outcome(row.status) },
              { content: when(row.status?.lastRunAt) },
              { content: row.status ? `${(row.status.durationMs / 1000).toFixed(1)} s` : '—' },
              { content: row.status?.buildsWritten ?? '—' },
              { content: row.status?.deploysWritten ?? '—' },
              { content: row.status?.requests ?? '—' },
              {
                content: (
                  <Button onClick={() => void syncNow.act(row.connectionId)} aria-label={`Sync ${row.name} now`}>
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
                <strong>{p.jobId}</strong>: {p.message} {p.hint}
              </p>
            ))}
            {row.status?.lastSuccessAt ? <p>Last successful sync: {when(row.status.lastSuccessAt)}.</p> : null}
          </SectionMessage>
        ))}
        <HistoryImport connections={rows.map((r) => ({ id: r.connectionId, name: r.name }))} />
        <Inline space="space.100">
          <Button appearance="primary" isDisabled={rows.length === 0} isLoading={syncNow.busy} onClick={() => void syncNow.act()}>
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
