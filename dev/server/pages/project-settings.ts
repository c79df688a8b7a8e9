import { html } from '../html';
import { uiModules } from '../modules';
import type { PageContext, RenderedPage } from './context';
import { accessNotice, moduleFrame } from './frame';
import { page } from './layout';
import { notFoundPage } from './not-found';
import { projectPageLinks } from './project-page';
import { projectSidebar } from './sidebar';

/** `/jira/project/<KEY>/settings[?module=<key>]`: a `jira:projectSettingsPage` of the app. */
export function projectSettingsPage(context: PageContext, projectKey: string): RenderedPage {
  const { platform, session, tokens, url, frameOrigin } = context;
  const site = platform.site;
  const project = site.project(projectKey);
  const actor = { type: 'user' as const, user: session.user };
  if (!project || !site.canViewProject(actor, project)) {
    return notFoundPage(context, 'This project can’t be found', `${projectKey} does not exist, or ${session.user.displayName} cannot see it.`);
  }
  const modules = uiModules(platform, 'jira:projectSettingsPage');
  const module = modules.find((m) => m.key === url.searchParams.get('module')) ?? modules[0];
  if (!module) return notFoundPage(context, 'No settings page', 'manifest.yml declares no jira:projectSettingsPage module.');
  const isProjectAdmin = site.hasProjectPermission(actor, project, 'ADMINISTER_PROJECTS');
  const token = tokens.mint({
    moduleKey: module.key,
    accountId: session.user.accountId,
    extension: { project: { key: project.key, id: project.id, type: 'software' } },
    colorMode: session.colorMode,
  });
  const main = html`<nav class="breadcrumbs" aria-label="Breadcrumbs">
      <a href="/#projects">Projects</a> / <a href="/jira/issue/${project.key}-1">${project.name}</a> / Project settings
    </nav>
    ${isProjectAdmin
      ? ''
      : accessNotice(
          `${session.user.displayName} is not an admin of ${project.key}: Jira would not show them this page. ` +
            'The emulator shows it anyway, so you can check that the app refuses them by itself.',
        )}
    ${moduleFrame(module, token, 'page', frameOrigin)}`;
  return {
    status: 200,
    html: page({
      title: `${module.title} - ${project.name}`,
      session,
      site,
      path: url.pathname + url.search,
      sidebar: projectSidebar(project, 'settings', modules, module.key, projectPageLinks(context, project.key)),
      main,
      section: 'projects',
    }),
  };
}
