import { html } from '../html';
import { uiModules } from '../modules';
import type { PageContext, RenderedPage } from './context';
import { moduleFrame } from './frame';
import { page } from './layout';
import { notFoundPage } from './not-found';
import { projectSidebar } from './sidebar';

/**
 * `/jira/project/<KEY>/<path>`: a `jira:projectPage` of the app, one of the project's own pages (Jira
 * lists it among the project's tabs). A module's path is the part of its key after the app's prefix
 * ("deploy-tracker-dora" is `/dora`), or the key itself. Jira shows a project page to anyone who may
 * browse the project; others get a 404, as for an issue.
 */
export function projectPage(context: PageContext, projectKey: string, pagePath: string): RenderedPage | undefined {
  const { platform, session, tokens, url, frameOrigin } = context;
  const module = uiModules(platform, 'jira:projectPage').find((m) => projectPagePath(m.key) === pagePath);
  if (!module) return undefined;
  const site = platform.site;
  const project = site.project(projectKey);
  const actor = { type: 'user' as const, user: session.user };
  if (!project || !site.canBrowse(actor, project)) {
    return notFoundPage(context, 'This project can’t be found', `${projectKey} does not exist, or ${session.user.displayName} cannot browse it.`);
  }
  const token = tokens.mint({
    moduleKey: module.key,
    accountId: session.user.accountId,
    extension: { project: { key: project.key, id: project.id, type: 'software' } },
    colorMode: session.colorMode,
  });
  const main = html`<nav class="breadcrumbs" aria-label="Breadcrumbs">
      <a href="/#projects">Projects</a> / <a href="/jira/issue/${project.key}-1">${project.name}</a> / ${module.title}
    </nav>
    ${moduleFrame(module, token, 'page', frameOrigin)}`;
  return {
    status: 200,
    html: page({
      title: `${module.title} - ${project.name}`,
      session,
      site,
      path: url.pathname + url.search,
      sidebar: projectSidebar(project, 'app', [], module.key, projectPageLinks(context, project.key)),
      main,
      section: 'projects',
    }),
  };
}

const APP_PREFIX = 'deploy-tracker-';

/** The URL segment of a project page module: its key without the app's prefix. */
export function projectPagePath(moduleKey: string): string {
  return moduleKey.startsWith(APP_PREFIX) ? moduleKey.slice(APP_PREFIX.length) : moduleKey;
}

/** The app's project pages of one project, as the project sidebar lists them. */
export function projectPageLinks(context: PageContext, projectKey: string) {
  return uiModules(context.platform, 'jira:projectPage').map((module) => ({
    module,
    href: `/jira/project/${encodeURIComponent(projectKey)}/${encodeURIComponent(projectPagePath(module.key))}`,
  }));
}
