import { router } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { PROJECT_SETTINGS_MODULE_KEY } from '../../../../src/shared/contract/issue-panel';

const settingsOf = (projectKey: string) => ({ target: 'module' as const, moduleKey: PROJECT_SETTINGS_MODULE_KEY, projectKey });

/**
 * Why there is nothing yet: the project has no deploy sources. One quiet line on every issue of
 * the project; admins also get a small link to its settings page (through the bridge's router,
 * which knows the product's URL for an app's module).
 */
export function NotConfigured({ projectKey, canConfigure }: { readonly projectKey: string; readonly canConfigure: boolean }) {
  return (
    <div data-testid="empty-state" data-reason="not-configured">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text color="color.text.subtle" size="small">
          Deploys show here once Deploy Tracker is set up for {projectKey}.
        </Text>
        {canConfigure ? (
          <Button appearance="subtle" spacing="compact" testId="configure-link" onClick={() => void router.navigate(settingsOf(projectKey))}>
            Project settings
          </Button>
        ) : null}
      </Inline>
    </div>
  );
}

/** The project is set up; no deploy has mentioned this issue in a commit or branch yet. */
export function NoDeploys({ issueKey }: { readonly issueKey: string }) {
  return (
    <div data-testid="empty-state" data-reason="no-deploys">
      <Stack space="space.100">
        <Text weight="semibold">No deploy mentions {issueKey} yet</Text>
        <Text color="color.text.subtle">
          A deploy shows here once it carries a commit or branch whose name mentions {issueKey}.
        </Text>
      </Stack>
    </div>
  );
}
