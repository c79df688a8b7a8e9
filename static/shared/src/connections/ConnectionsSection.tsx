import { useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import {
  CONNECTION_RESOLVERS as KEYS,
  connectionListSchema,
  testResultSchema,
  type ConnectionList,
  type ConnectionView,
  type Removed,
} from '../../../../src/shared/contract/connections';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { callResolver, failureOf, type Failure } from '../resolvers';
import { useLoaded } from '../hooks/useLoaded';
import { ConnectionForm } from './ConnectionForm';
import { EgressProblem, ensureEgress, releaseEgress } from './egress';
import { FailureMessage } from '../components/FailureMessage';
import { PROVIDER_LABELS, type ProviderKind } from './ProviderFields';
import { RemoveDialog } from './RemoveDialog';
import { TestResultMessage } from './TestResultMessage';
import { WebhookSetup } from './WebhookSetup';
import Heading from '@atlaskit/heading';

/** Column titles and widths (per cent): the actions need room for three buttons on one line. */
const COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['Name', 18],
  ['Provider', 10],
  ['Server', 26],
  ['Credentials', 14],
  ['Actions', 32],
];

type Editing = { kind: ProviderKind; existing?: ConnectionView } | null;
type RowTest = { id: string; name: string } & ({ status: 'testing' } | { status: 'ok'; result: ReturnType<typeof testResultSchema.parse> } | { status: 'failed'; failure: Failure });

function serverOf(view: ConnectionView): string {
  switch (view.settings.kind) {
    case 'jenkins':
      return `${view.settings.baseUrl} (${view.settings.username})`;
    case 'buildkite':
      return `Organisation ${view.settings.organization}`;
    case 'circleci':
      return view.settings.projectSlugs.join(', ');
  }
}

function ProviderStatus({ list }: { list: ConnectionList }) {
  return (
    <Inline space="space.300" shouldWrap testId="provider-status">
      {list.providers.map(({ kind, connections }) => (
        <Inline key={kind} space="space.075" alignBlock="center" testId={`provider-status-${kind}`}>
          <Text weight="medium">{PROVIDER_LABELS[kind]}</Text>
          <Lozenge appearance={connections > 0 ? 'success' : 'default'}>{connections > 0 ? `Connected (${connections})` : 'Disconnected'}</Lozenge>
        </Inline>
      ))}
    </Inline>
  );
}

/**
 * The CI connections a page manages: the whole site on the admin page, or the site's (read-only)
 * and the project's own on a project settings page.
 */
export function ConnectionsSection({ intro, siteAdmin, footer, onChanged }: { intro: string; siteAdmin: boolean; footer?: ReactNode; onChanged?: () => void }) {
  const { state, reload } = useLoaded(() => callResolver(KEYS.list, {}, connectionListSchema));
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowTest, setRowTest] = useState<RowTest | null>(null);

  if (state.status === 'loading') return <LoadingState label="Loading CI connections" />;
  if (state.status === 'error') {
    // Who the page runs as helps someone who expected to be an admin; admins never need it.
    return state.failure.name === 'Forbidden' ? (
      <Stack space="space.200">
        <FailureMessage title="You cannot manage CI connections here" failure={state.failure} />
        {footer}
      </Stack>
    ) : (
      <ErrorState title="CI connections could not load" message={state.failure.message} onRetry={reload} />
    );
  }
  const list = state.data;

  const testSaved = async (view: ConnectionView) => {
    setRowTest({ id: view.id, name: view.name, status: 'testing' });
    try {
      // The row's test is also how a site admin allows a project's own server, as a project admin is told to ask.
      if (view.egressDomain) await ensureEgress(view.egressDomain, view.name, siteAdmin);
      const result = await callResolver(KEYS.testSaved, { id: view.id }, testResultSchema);
      setRowTest({ id: view.id, name: view.name, status: 'ok', result });
    } catch (error) {
      const failure = error instanceof EgressProblem ? { name: error.name, message: error.message, hint: error.hint } : failureOf(error);
      setRowTest({ id: view.id, name: view.name, status: 'failed', failure });
    }
  };

  const removed = async (view: ConnectionView, { projectsUpdated: projects, addressStillUsed }: Removed) => {
    setRemoving(null);
    // The backend knows every connection, also those this page does not list; only site admins may withdraw.
    if (siteAdmin && view.egressDomain) await releaseEgress(view.egressDomain, addressStillUsed);
    setNotice(`Removed “${view.name}”.${projects.length ? ` Updated the settings of ${projects.join(', ')}.` : ''}`);
    reload();
    onChanged?.();
  };

  const rows = list.connections.map((view) => ({
    key: view.id,
    testId: `connection-row-${view.name}`,
    cells: [
      {
        key: view.name,
        content: (
          <Stack space="space.050">
            <Text weight="medium">{view.name}</Text>
            {view.scope.kind === 'project' ? <Lozenge>Project {view.scope.projectKey}</Lozenge> : <Lozenge appearance="new">Site</Lozenge>}
          </Stack>
        ),
      },
      { key: view.kind, content: PROVIDER_LABELS[view.kind] },
      { key: `${view.id}-server`, content: serverOf(view) },
      {
        key: `${view.id}-secret`,
        content: (
          <span data-testid="token-hint">
            Token {view.tokenHint}
            {view.headers.length ? `, ${view.headers.length} custom header${view.headers.length > 1 ? 's' : ''}` : ''}
          </span>
        ),
      },
      {
        key: `${view.id}-actions`,
        content: view.canManage ? (
          <Inline space="space.050" shouldWrap>
            <Button
              isLoading={rowTest?.id === view.id && rowTest.status === 'testing'}
              onClick={() => void testSaved(view)}
              aria-label={`Test connection ${view.name}`}
            >
              Test connection
            </Button>
            <Button onClick={() => setEditing({ kind: view.kind, existing: view })} aria-label={`Edit ${view.name}`}>
              Edit
            </Button>
            <Button appearance="subtle" onClick={() => setRemoving(view)} aria-label={`Remove ${view.name}`}>
              Remove
            </Button>
          </Inline>
        ) : (
          <Text color="color.text.subtle">Managed by Jira admins</Text>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.250" testId="ci-connections">
      <Text color="color.text.subtle">{intro}</Text>
      <ProviderStatus list={list} />
      {notice ? (
        <div role="status">
          <SectionMessage appearance="success">
            <p>{notice}</p>
          </SectionMessage>
        </div>
      ) : null}
      {rowTest?.status === 'ok' ? <TestResultMessage result={rowTest.result} /> : null}
      {rowTest?.status === 'failed' ? <FailureMessage title={`Test connection failed for “${rowTest.name}”`} failure={rowTest.failure} /> : null}
      <DynamicTable
        caption={<Heading size="small" as="h2">Connections</Heading>}
        head={{ cells: COLUMNS.map(([label, width]) => ({ key: label, content: label, width })) }}
        rows={rows}
        emptyView={<Text>No CI server is connected yet. Add one to start tracking builds and deploys.</Text>}
        testId="connections-table"
      />
      {list.connections
        .filter((view) => view.canManage && view.mode !== undefined && view.mode !== 'polled')
        .map((view) => (
          <WebhookSetup key={`${view.id}-${view.mode ?? ''}`} connection={view} />
        ))}
      {editing ? (
        <ConnectionForm
          key={editing.existing?.id ?? editing.kind}
          kind={editing.kind}
          existing={editing.existing}
          siteAdmin={siteAdmin}
          sitePage={list.page === 'site'}
          onCancel={() => setEditing(null)}
          onSaved={(view) => {
            setEditing(null);
            setRowTest(null);
            setNotice(`Saved “${view.name}”. Use Test connection to check it with the stored settings.`);
            reload();
            onChanged?.();
          }}
        />
      ) : (
        <Inline space="space.100" shouldWrap>
          {(['jenkins', 'buildkite', 'circleci'] as const).map((kind) => (
            <Button key={kind} onClick={() => { setNotice(null); setEditing({ kind }); }}>
              Add {PROVIDER_LABELS[kind]}
            </Button>
          ))}
        </Inline>
      )}
      {removing ? <RemoveDialog connection={removing} onClose={() => setRemoving(null)} onRemoved={(result) => void removed(removing, result)} /> : null}
    </Stack>
  );
}
