import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import type { ConnectionView } from '../../../../src/shared/contract/connections';
import { WEBHOOK_RESOLVERS as KEYS, webhookSecretSchema, webhookViewSchema, type WebhookView } from '../../../../src/shared/contract/webhooks';
import { ErrorState } from '../components/ErrorState';
import { FailureMessage } from '../components/FailureMessage';
import { LoadingState } from '../components/LoadingState';
import { useLoaded } from '../hooks/useLoaded';
import { callResolver, failureOf, type Failure } from '../resolvers';
import { BUILDKITE_STEPS, CIRCLECI_STEPS, freestyleSnippet, JENKINS_CREDENTIAL_ID, jenkinsfileSnippet } from './webhook-snippets';

function Snippet({ label, text }: { label: string; text: string }) {
  return (
    <Stack space="space.050">
      <Text weight="medium">{label}</Text>
      <pre aria-label={label} tabIndex={0} style={{ overflowX: 'auto', whiteSpace: 'pre', margin: 0 }}>
        <code>{text}</code>
      </pre>
      <Box>
        <Button onClick={() => void navigator.clipboard?.writeText(text)}>Copy</Button>
      </Box>
    </Stack>
  );
}

const HEALTH: Record<WebhookView['health'], string> = {
  'not-pushed': 'This connection is polled only.',
  waiting: 'No event has arrived yet.',
  healthy: 'Events arrive: polling only reconciles, once an hour.',
  quiet: 'Webhooks went quiet: no event for 30 minutes, so the app polls again every 5 minutes. Check the webhook in the CI.',
};

function Steps({ view }: { view: WebhookView }) {
  const url = view.url ?? '';
  if (view.kind === 'buildkite') return <ol>{BUILDKITE_STEPS.map((s) => <li key={s}>{s}</li>)}</ol>;
  if (view.kind === 'circleci') return <ol>{CIRCLECI_STEPS.map((s) => <li key={s}>{s}</li>)}</ol>;
  return (
    <Stack space="space.150">
      <Text>
        Store the secret in Jenkins as a &quot;Secret text&quot; credential with the id &quot;{JENKINS_CREDENTIAL_ID}&quot;. Each build then sends its result with curl and
        openssl; Jenkins never needs to be reachable from Atlassian&apos;s cloud.
      </Text>
      <Snippet label="Jenkinsfile (declarative Pipeline)" text={jenkinsfileSnippet(url)} />
      <Snippet label="Freestyle job" text={freestyleSnippet(url)} />
    </Stack>
  );
}

/**
 * A connection's build webhook on a settings page: the URL to give the CI, the secret (shown once
 * when made or rotated), whether events arrive, and the set-up per provider. CircleCI's webhooks
 * can be created and removed by the app with the connection's token.
 */
export function WebhookSetup({ connection }: { connection: ConnectionView }) {
  const { state, reload } = useLoaded(() => callResolver(KEYS.get, { id: connection.id }, webhookViewSchema), connection.id);
  const [secret, setSecret] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; failure: Failure } | null>(null);
  const [busy, setBusy] = useState(false);
  if (state.status === 'loading') return <LoadingState label={`Loading the webhook of ${connection.name}`} />;
  if (state.status === 'error') return <ErrorState title={`The webhook of ${connection.name} could not load`} message={state.failure.message} onRetry={reload} />;
  const view = state.data;

  const act = async (title: string, action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      reload();
    } catch (error) {
      setFailure({ title, failure: failureOf(error) });
    } finally {
      setBusy(false);
    }
  };
  const rotate = () => act('The secret was not changed', async () => setSecret((await callResolver(KEYS.rotate, { id: connection.id }, webhookSecretSchema)).secret));

  return (
    <Stack space="space.150" testId={`webhook-${connection.id}`}>
      <Heading size="xsmall" as="h3">
        Webhook of {connection.name}
      </Heading>
      <Text>{HEALTH[view.health]}</Text>
      {view.health === 'quiet' ? <SectionMessage appearance="warning" title="Webhooks went quiet">{HEALTH.quiet}</SectionMessage> : null}
      {view.url ? <Snippet label="Webhook URL" text={view.url} /> : <Text>Create a secret to get the webhook URL.</Text>}
      {secret ? (
        <SectionMessage appearance="success" title="The new secret, shown this once">
          <Snippet label="Secret" text={secret} />
          <p>Enter it in the CI now; the previous secret no longer works.</p>
        </SectionMessage>
      ) : view.secretHint ? (
        <Text>Secret: {view.secretHint}</Text>
      ) : null}
      <Box>
        <Button isLoading={busy} onClick={() => void rotate()}>
          {view.secretHint ? 'Rotate secret' : 'Create secret'}
        </Button>
      </Box>
      {failure ? <FailureMessage title={failure.title} failure={failure.failure} /> : null}
      {view.url ? <Steps view={view} /> : null}
      {view.kind === 'circleci' && view.url ? (
        <Box>
          {view.circleCiProjects.length ? (
            <Button isLoading={busy} onClick={() => void act('The webhooks were not removed', () => callResolver(KEYS.disconnectCircleCi, { id: connection.id }, webhookViewSchema))}>
              Remove the webhooks from CircleCI ({view.circleCiProjects.length})
            </Button>
          ) : (
            <Button appearance="primary" isLoading={busy} onClick={() => void act('The webhooks were not created', () => callResolver(KEYS.connectCircleCi, { id: connection.id }, webhookViewSchema))}>
              Create the webhooks in CircleCI
            </Button>
          )}
        </Box>
      ) : null}
    </Stack>
  );
}
