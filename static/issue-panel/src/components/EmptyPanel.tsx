import { router } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { PROJECT_SETTINGS_MODULE_KEY } from '../../../../src/shared/contract/issue-panel';

const settingsOf = (projectKey: string) => ({ target: 'module' as const, moduleKey: PROJECT_SETTINGS_MODULE_KEY, projectKey });

/**
 * Why there is nothing yet: the project has no deploy sources. Admins get a button to its settings
 * page (through the bridge's router, which knows the product's URL for an app's module).
 */
export function NotConfigured({ projectKey, canConfigure }: { readonly projectKey: string; readonly canConfigure: boolean }) {
  return (
    <div data-testid="empty-state" data-reason="not-configured">
      <Stack space="space.100">
        <Text weight="semibold">Deploy Tracker is not set up for {projectKey} yet</Text>
        {canConfigure ? (
          <>
            <Text color="color.text.subtle">
              Connect a CI server and say which jobs deploy to which environment; deploys that mention this issue then show here.
            </Text>
            <div>
              <Button
                appearance="primary"
                testId="configure-link"
                onClick={() => void router.navigate(settingsOf(projectKey))}
              >
                Set up Deploy Tracker
              </Button>
            </div>
          </>
        ) : (
          <Text color="color.text.subtle">
            Deploys will show here once a project administrator sets up Deploy Tracker for {projectKey}.
          </Text>
        )}
      </Stack>
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
