import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';
import Textfield from '@atlaskit/textfield';
import { ErrorMessage, Label } from '@atlaskit/form';
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS, HISTORY_RESOLVERS as KEYS, historyProgressListSchema, historyProgressSchema, type HistoryProgress } from '../../../../src/shared/contract/history';
import { CONNECTION_RESOLVERS, connectionListSchema } from '../../../../src/shared/contract/connections';
import { callResolver } from '../resolvers';
import { useAction } from '../hooks/useAction';
import { useLoaded } from '../hooks/useLoaded';
import { FailureMessage } from './FailureMessage';
import { formatDate } from '../dates';

export interface HistoryConnection {
  readonly id: string;
  readonly name: string;
}

function stateOf(progress: HistoryProgress | undefined) {
  if (!progress) return <Lozenge>Not imported</Lozenge>;
  if (progress.state === 'failed') return <Lozenge appearance="removed">Stopped</Lozenge>;
  if (progress.state === 'done') return <Lozenge appearance="success">Imported</Lozenge>;
  return <Lozenge appearance="inprogress">{`Importing, ${progress.percentDone}%`}</Lozenge>;
}

const dayAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** What is wrong with the chosen day, next to the field, before anything is asked of the backend (which checks it again). */
function fromProblem(from: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return 'Pick the day to import from.';
  if (from < dayAgo(MAX_HISTORY_DAYS)) return `Pick a day at most two years ago (${formatDate(dayAgo(MAX_HISTORY_DAYS))} or later).`;
  if (from > dayAgo(0)) return 'Pick a day in the past.';
  return null;
}

/**
 * History import per connection: how far each has got (builds so far, how far back, what is
 * left at the pace so far) and a start from a chosen day. The backend decides who may start one.
 */
export function HistoryImport({ connections }: { readonly connections: readonly HistoryConnection[] }) {
  const { state, reload } = useLoaded(() => callResolver(KEYS.progress, {}, historyProgressListSchema));
  const [from, setFrom] = useState(() => dayAgo(DEFAULT_HISTORY_DAYS));
  const problem = fromProblem(from);
  const start = useAction(async (connectionId: string) => {
    await callResolver(KEYS.start, { connectionId, from }, historyProgressSchema);
    reload();
  });
  const byId = new Map(state.status === 'ready' ? state.data.imports.map((p): [string, HistoryProgress] => [p.connectionId, p]) : []);
  const stopped = [...byId.values()].filter((p) => p.error);

  return (
    <Box testId="history-import">
      <Stack space="space.150">
        <Heading size="xsmall" as="h3">
          History
        </Heading>
        <Text color="color.text.subtle">The sync reads recent builds only. Bring in older builds and deploys back to a day, up to two years ago; new builds keep syncing meanwhile.</Text>
        <Stack space="space.050">
          <Label htmlFor="history-from">Import history from</Label>
          <Textfield
            id="history-from"
            type="date"
            width="medium"
            min={dayAgo(MAX_HISTORY_DAYS)}
            max={dayAgo(0)}
            value={from}
            isInvalid={problem !== null}
            aria-describedby={problem ? 'history-from-error' : undefined}
            onChange={(e) => setFrom(e.currentTarget.value)}
            testId="history-from"
          />
          {problem ? (
            <div id="history-from-error">
              <ErrorMessage testId="history-from-error">{problem}</ErrorMessage>
            </div>
          ) : null}
        </Stack>
        {start.failure ? <FailureMessage title="History import was not started" failure={start.failure} /> : null}
        {state.status === 'error' ? <FailureMessage title="History progress could not load" failure={state.failure} /> : null}
        <DynamicTable
          head={{ cells: ['Connection', 'History', 'Builds', 'Reached back to', 'Left (estimate)', ''].map((label, i) => ({ key: `h${i}`, content: label })) }}
          rows={connections.map((c) => {
            const progress = byId.get(c.id);
            return {
              key: c.id,
              testId: `history-row-${c.name}`,
              cells: [
                { content: c.name },
                { content: stateOf(progress) },
                { content: progress?.builds ?? '—' },
                { content: formatDate(progress?.reachedBack ?? null) },
                { content: typeof progress?.estimatedBuildsLeft === 'number' ? `about ${progress.estimatedBuildsLeft} builds` : '—' },
                {
                  content: (
                    <Button onClick={() => void start.act(c.id)} isDisabled={progress?.state === 'running' || problem !== null} aria-label={`Import history of ${c.name}`}>
                      {progress?.state === 'failed' ? 'Resume' : 'Import history'}
                    </Button>
                  ),
                },
              ],
            };
          })}
          testId="history-table"
        />
        {stopped.map((p) => (
          <Text key={p.connectionId}>
            {p.error?.message} {p.error?.hint}
          </Text>
        ))}
        <Box>
          <Button appearance="subtle" onClick={reload}>
            Refresh history
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

/** The admin page's history section: every connection of the site. */
export function SiteHistoryImport() {
  const { state } = useLoaded(() => callResolver(CONNECTION_RESOLVERS.list, {}, connectionListSchema));
  if (state.status !== 'ready') return null;
  return <HistoryImport connections={state.data.connections.map((c) => ({ id: c.id, name: c.name }))} />;
}
