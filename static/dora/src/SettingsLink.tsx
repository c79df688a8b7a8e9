import { router } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { DORA_RESOLVERS, settingsAnswerSchema } from '../../../src/shared/contract/dora';
import { useLoaded } from '../../shared/src/hooks/useLoaded';
import { callResolver } from '../../shared/src/resolvers';

/** The project settings page (manifest.yml), whose DORA tab holds what counts as an incident and a fix. */
const SETTINGS_MODULE = 'deploy-tracker-project-settings';

const loadSettings = () => callResolver(DORA_RESOLVERS.settings, {}, settingsAnswerSchema);

/**
 * Shown to project admins only: the settings resolver says whether the caller may edit. Anyone
 * else (or a failure to ask) sees no link; the backend checks again when settings are saved.
 */
export function SettingsLink({ projectKey }: { readonly projectKey: string }) {
  const { state } = useLoaded(loadSettings);
  if (state.status !== 'ready' || !state.data.canEdit) return null;
  return (
    <Button
      appearance="subtle"
      onClick={() => void router.navigate({ target: 'module', moduleKey: SETTINGS_MODULE, projectKey })}
      testId="dora-settings-link"
    >
      DORA settings
    </Button>
  );
}
