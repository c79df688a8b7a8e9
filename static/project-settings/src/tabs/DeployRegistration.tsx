import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import { deploySecretSchema, PROJECT_SETTINGS_RESOLVERS as KEYS, type ProjectSettings } from '../../../../src/shared/contract/project-settings';
import { callResolver } from '../../../shared/src/resolvers';
import { useAction } from '../../../shared/src/hooks/useAction';
import { FailureMessage } from '../../../shared/src/components/FailureMessage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import Heading from '@atlaskit/heading';

/**
 * The web trigger other tools post deploys to, and the project's signing secret: created or
 * rotated here and shown exactly once, since the backend never reads it back to the browser.
 */
export function DeployRegistration({ settings, onChanged }: { settings: ProjectSettings; onChanged: () => void }) {
  const { url, secretConfigured, signatureHeader, timestampHeader } = settings.deployRegistration;
  const [confirming, setConfirming] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const rotate = useAction(async () => {
    const result = await callResolver(KEYS.rotateDeploySecret, {}, deploySecretSchema);
    setRevealed(result.secret);
    setConfirming(false);
    onChanged();
  });

  return (
    <Stack space="space.150" testId="deploy-registration">
      <Heading size="small" as="h2">
        Deploy registration
      </Heading>
      <Text color="color.text.subtle">
        For tools without a connection: POST a deploy as JSON to this project’s URL, signed with HMAC-SHA256 of “timestamp.body” with the secret,
        in the {signatureHeader} header (sha256=…) and the Unix time in {timestampHeader}.
      </Text>
      <Inline space="space.100" alignBlock="center">
        <Text weight="medium">URL</Text>
        {url ? <code data-testid="deploy-registration-url">{url}</code> : <Text>Unavailable right now; reload the page.</Text>}
      </Inline>
      <Inline space="space.100" alignBlock="center">
        <Text weight="medium">Secret</Text>
        <Lozenge appearance={secretConfigured ? 'success' : 'default'}>{secretConfigured ? 'Set' : 'Not created'}</Lozenge>
        <Button onClick={() => (secretConfigured ? setConfirming(true) : void rotate.act())} isLoading={rotate.busy && !confirming}>
          {secretConfigured ? 'Rotate secret' : 'Create secret'}
        </Button>
      </Inline>
      {revealed ? (
        <div role="status">
          <SectionMessage appearance="warning" title="Copy the secret now: it is not shown again">
            <p>
              <code data-testid="deploy-secret">{revealed}</code>
            </p>
            <p>Store it in your deploy tool's secret store. If it is lost, rotate it.</p>
            <Button onClick={() => setRevealed(null)}>I have copied it</Button>
          </SectionMessage>
        </div>
      ) : null}
      {rotate.failure && !confirming ? <FailureMessage title="The secret was not changed" failure={rotate.failure} /> : null}
      {confirming ? (
        <ConfirmDialog
          title="Rotate the deploy registration secret?"
          confirmLabel="Rotate secret"
          busy={rotate.busy}
          onConfirm={() => void rotate.act()}
          onClose={() => setConfirming(false)}
        >
          <p>Requests signed with the current secret are refused from now on: update every tool that sends deploys.</p>
          {rotate.failure ? <FailureMessage title="The secret was not changed" failure={rotate.failure} /> : null}
        </ConfirmDialog>
      ) : null}
    </Stack>
  );
}
