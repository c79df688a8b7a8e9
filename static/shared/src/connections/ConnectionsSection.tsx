import { useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import {
  CONNECTION_RESOLVERS as KEYS,
  connectionListSchema,
  healthListSchema,
  testResultSchema,
  type ConnectionHealth,
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
import Heading from '@atlaskit/heading';
import { HealthCell, HealthMessages } from './ConnectionHealth';
import { WebhookSetup } from './WebhookSetup';

/** Column titles and widths (per cent): the actions need room for three buttons on one line. */
const COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['Name', 18],
  ['Provider', 10],
  ['Server', 26],
  ['Credentials', 14],
  ['Actions', 32],
];
/** The admin page adds the health hub's column. */
const SITE_COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['Name', 15],
  ['Provider', 9],
  ['Server', 20],
  ['Credentials', 11],
  ['Health', 20],
  ['Actions', 25],
];

type Editing = { kind: ProviderKind; existing?: ConnectionView } | null;
type RowTest = { id: string; name: string } & ({ status: 'testing' } | { status: 'ok'; result: ReturnType<typeof testResultSchema.parse> } | { status: 'failed'; failure: Failure });

function sitePageOf(state: { status: string; data?: ConnectionList }): boolean {
  return state.status === 'ready' && state.data?.page === 'site';
}

function serverOf(view: ConnectionView): string {
  switch (view.settings.kind) {
    case 'jenkins':
      // A pushed-only Jenkins behind a firewall has no address the app may call.
      if (!view.settings.baseUrl) return 'No address: its builds arrive by webhook';
      return view.settings.username ? `${view.settings.baseUrl} (${view.settings.username})` : view.settings.baseUrl;
    case 'buildkite':
      return `Organisation ${view.settings.organization}`;
    case 'circleci':
      return view.settings.projectSlugs.join(', ');
  }
}

/** Per provider: connected, or failing as soon as the latest run of one of its connections failed. */
function ProviderStatus({ list, health }: { list: ConnectionList; health: ReadonlyMap<string, ConnectionHealth> }) {
  return (
    <Inline space="space.300" shouldWrap testId="provider-status">
      {list.providers.map(({ kind, connections }) => {
        const failing = list.connections.filter((c) => c.kind === kind && health.get(c.id)?.state === 'failing').length;
        const [appearance, label] =
          failing > 0 ? (['removed', `${failing} of ${connections} failing`] as const) : connections > 0 ? (['success', `Connected (${connections})`] as const) : (['default', 'Not connected'] as const);
        return (
          <Inline key={kind} space="space.075" alignBlock="center" testId={`provider-status-${kind}`}>
            <Text weight="medium">{PROVIDER_LABELS[kind]}</Text>
            <Lozenge appearance={appearance}>{label}</Lozenge>
          </Inline>
        );
      })}
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
  // The health hub is the admin page's: it reads every connection's latest run.
  const health = useLoaded(() => (siteAdmin && sitePageOf(state) ? callResolver(KEYS.health, {}, healthListSchema) : Promise.resolve({ connections: [] })), sitePageOf(state) ? 'site' : '');

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
  const healthById = new Map(health.state.status === 'ready' ? health.state.data.connections.map((h): [string, ConnectionHealth] => [h.id, h]) : []);
  const sitePage = list.page === 'site';

  const testSaved = async (view: ConnectionView) => {
    setRowTest({ id: view.id, name: view.name, status: 'testing' });
    try {
      // The row's test is also how a site admin allows a project's own server, as a project admin is told to ask.
      if (view.egressDomain) await ensureEgress(view.egressDomain, view.name, siteAdmin);
      const result = await callResolver(KEYS.testSaved, { id: view.id }, testResultSchema);
      setRowTest({ id: view.id, name: view.name, status: 'ok', result });
      health.reload();
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
      { key: `${view.id}-server`, content: <span style={{ overflowWrap: 'anywhere' }}>{serverOf(view)}</span> },
      {
        key: `${view.id}-secret`,
        content: (
          <span data-testid="token-hint">
            {view.settings.kind === 'jenkins' && !view.settings.baseUrl ? 'Webhook secret only' : `Token ${view.tokenHint}`}
            {view.headers.length ? `, ${view.headers.length} custom header${view.headers.length > 1 ? 's' : ''}` : ''}
          </span>
        ),
      },
      ...(sitePage ? [{ key: `${view.id}-health`, content: <HealthCell view={view} health={healthById.get(view.id)} /> }] : []),
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
          <Text color="color.text.subtle">{siteAdmin ? 'Site-wide: change it on the Deploy Tracker admin page' : 'Site-wide: Jira admins manage it'}</Text>
        ),
      },
    ],
  }));

  return (
    <Stack space="space.250" testId="ci-connections">
      <Text color="color.text.subtle">{intro}</Text>
      <ProviderStatus list={list} health={healthById} />
      {sitePage ? <HealthMessages views={list.connections} health={healthById} onFix={(view) => setEditing({ kind: view.kind, existing: view })} /> : null}
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
        head={{ cells: (sitePage ? SITE_COLUMNS : COLUMNS).map(([label, width]) => ({ key: label, content: label, width })) }}
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
            setNotice(`Saved “${view.name}”.`);
            reload();
            onChanged?.();
            // Test on save: what was stored is checked at once, with the stored secrets.
            void testSaved(view);
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
