import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import type { ConnectionHealth, ConnectionView, TokenDetails, TokenExpiry } from '../../../../src/shared/contract/connections';
import { formatDate, formatDateTime } from '../dates';
import { pushedOnlyLook } from '../labels';
import { storedText } from './stored-text';

const STATE = {
  never: { appearance: 'default', label: 'Not synced yet' },
  ok: { appearance: 'success', label: 'Healthy' },
  partial: { appearance: 'moved', label: 'Some jobs failing' },
  failing: { appearance: 'removed', label: 'Failing' },
} as const;

export function HealthLozenge({ health }: { health: ConnectionHealth | undefined }) {
  const state = health?.state === 'pushed' ? pushedOnlyLook(health.stored !== null) : STATE[health?.state ?? 'never'];
  return (
    <span data-testid="health-state">
      <Lozenge appearance={state.appearance}>{state.label}</Lozenge>
    </span>
  );
}


function ExpiryText({ expiry }: { expiry: TokenExpiry }) {
  if (expiry.kind === 'never') return <Text size="small">Never expires</Text>;
  if (expiry.kind === 'not-reported') return <Text size="small">Buildkite does not report an expiry</Text>;
  const past = Date.parse(expiry.at) <= Date.now();
  return (
    <Text size="small" color={expiry.warn ? 'color.text.warning' : 'color.text'} weight={expiry.warn ? 'medium' : 'regular'} testId="health-token-expiry">
      {past ? 'Expired' : 'Expires'} {formatDate(expiry.at)}
      {expiry.warn && !past ? ': make a new token soon' : ''}
    </Text>
  );
}

/** Scopes, creation and expiry as the last test of the stored token found them; never the token. */
function TokenText({ view, details }: { view: ConnectionView; details: TokenDetails }) {
  if (details.kind === 'not-reported') {
    return (
      <Text size="small" color="color.text.subtle">
        Token scopes and expiry: not reported by {view.kind === 'jenkins' ? 'Jenkins' : 'CircleCI'}
      </Text>
    );
  }
  if (details.kind === 'untested') {
    return (
      <Text size="small" color="color.text.subtle">
        Token scopes and expiry: shown after Test connection
      </Text>
    );
  }
  return (
    <Stack space="space.025" testId="health-token">
      <Text size="small">Token scopes: {details.scopes.length ? details.scopes.join(', ') : 'none'}</Text>
      {details.createdAt ? <Text size="small">Created {formatDate(details.createdAt)}</Text> : null}
      <ExpiryText expiry={details.expiry} />
      <Text size="small" color="color.text.subtle">
        Checked {formatDateTime(details.checkedAt)}
      </Text>
    </Stack>
  );
}

/** The health column: state of the latest run, when it last worked, what it holds, who uses it, its token. */
export function HealthCell({ view, health }: { view: ConnectionView; health: ConnectionHealth | undefined }) {
  if (!health) return <Text color="color.text.subtle">—</Text>;
  return (
    <Stack space="space.050" testId={`health-${view.name}`}>
      <HealthLozenge health={health} />
      {health.state === 'pushed' ? (
        <Text size="small">Never polled: its CI sends each build</Text>
      ) : (
        <>
          <Text size="small">Last run {formatDateTime(health.lastRunAt)}</Text>
          <Text size="small">Last successful sync {formatDateTime(health.lastSuccessAt)}</Text>
        </>
      )}
      <Text size="small" testId="health-stored">
        {storedText(health.stored, health.state !== 'never' && health.state !== 'pushed')}
      </Text>
      <Text size="small" testId="health-projects">
        {health.projects.length ? `Used by ${health.projects.join(', ')}` : 'No project uses it yet'}
      </Text>
      <TokenText view={view} details={health.tokenDetails} />
    </Stack>
  );
}

/** Failing connections first, with their hint and the fix; then servers added twice. */
export function HealthMessages({ views, health, onFix }: { views: readonly ConnectionView[]; health: ReadonlyMap<string, ConnectionHealth>; onFix: (view: ConnectionView) => void }) {
  const failing = views.filter((v) => health.get(v.id)?.state === 'failing');
  const duplicated = views.filter((v) => (health.get(v.id)?.duplicateOf.length ?? 0) > 0);
  return (
    <>
      {failing.map((view) => {
        const error = health.get(view.id)?.error;
        return (
          <div role="alert" key={view.id} data-testid={`health-failing-${view.name}`}>
            <SectionMessage appearance="error" title={`“${view.name}” stopped syncing`}>
              <p>{error?.message}</p>
              {error?.hint ? <p>{error.hint}</p> : null}
              {view.canManage ? (
                <Button onClick={() => onFix(view)} aria-label={`Fix ${view.name}`}>
                  Fix connection
                </Button>
              ) : null}
            </SectionMessage>
          </div>
        );
      })}
      {duplicated.length ? (
        <SectionMessage appearance="warning" title="The same server is connected more than once" testId="health-duplicates">
          {duplicated.map((view) => (
            <p key={view.id}>
              “{view.name}” reads the same server as {health.get(view.id)?.duplicateOf.map((n) => `“${n}”`).join(', ')}: its builds and deploys are synced and shown twice. Remove one.
            </p>
          ))}
        </SectionMessage>
      ) : null}
    </>
  );
}
