import SectionMessage from '@atlaskit/section-message';
import { APP_ACCESS_RESOLVERS as KEYS, appAccessSchema, type AppAccess } from '../../../../src/shared/contract/app-access';
import { FailureMessage } from '../components/FailureMessage';
import { useLoaded, type Loaded } from '../hooks/useLoaded';
import { callResolver } from '../resolvers';

/** The app's own access as this page's admin needs it (src/resolvers/app-access.ts). */
export function useAppAccess(): Loaded<AppAccess> {
  return useLoaded(() => callResolver(KEYS.get, {}, appAccessSchema)).state;
}

function list(keys: readonly string[]): string {
  return keys.length <= 1 ? keys.join('') : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1) ?? ''}`;
}

/**
 * Names every project Deploy Tracker cannot see, with what to do: `asApp()` leaves out projects
 * whose permission schemes do not grant the app, and every project for a few minutes after
 * install. The sync neither reads deploys for them nor links their issues, so nobody should
 * have to guess why.
 */
export function AppAccessNotice({ access, page }: { access: Loaded<AppAccess>; page: 'site' | 'project' }) {
  if (access.status === 'loading') return null;
  if (access.status === 'error') {
    return access.failure.name === 'Forbidden' ? null : <FailureMessage title="Could not check which projects Deploy Tracker can see" failure={access.failure} />;
  }
  const { unseenProjects, projectsReady, hint } = access.data;
  if (unseenProjects.length === 0) return null;
  const title =
    page === 'project'
      ? 'Deploy Tracker cannot see this project yet'
      : `Deploy Tracker cannot see ${unseenProjects.length === 1 ? 'a configured project' : `${unseenProjects.length} configured projects`}`;
  const what =
    page === 'project'
      ? `Jira does not show ${list(unseenProjects)} to the app, so it syncs no deploys for this project and links none to its issues.`
      : `Jira does not show ${list(unseenProjects)} to the app, so it syncs no deploys for ${unseenProjects.length === 1 ? 'it' : 'them'} and links none to ${unseenProjects.length === 1 ? 'its' : 'their'} issues.`;
  return (
    <div role="status" data-testid="unseen-projects">
      <SectionMessage appearance="warning" title={title}>
        <p>{what}</p>
        {projectsReady ? null : <p>The app sees no project on this site yet, which is normal for a few minutes after install.</p>}
        <p>{hint}</p>
      </SectionMessage>
    </div>
  );
}
