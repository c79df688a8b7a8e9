import { html } from '../html';
import { uiModules } from '../modules';
import type { PageContext, RenderedPage } from './context';
import { accessNotice, moduleFrame } from './frame';
import { page } from './layout';
import { notFoundPage } from './not-found';
import { adminSidebar } from './sidebar';

/** `/jira/admin[?module=<key>]`: a `jira:adminPage` of the app, under Jira administration › Apps. */
export function adminPage(context: PageContext): RenderedPage {
  const { platform, session, tokens, url, frameOrigin } = context;
  const modules = uiModules(platform, 'jira:adminPage');
  const module = modules.find((m) => m.key === url.searchParams.get('module')) ?? modules[0];
  if (!module) return notFoundPage(context, 'No admin page', 'manifest.yml declares no jira:adminPage module.');
  const token = tokens.mint({ moduleKey: module.key, accountId: session.user.accountId, extension: {}, colorMode: session.colorMode });
  const main = html`<nav class="breadcrumbs" aria-label="Breadcrumbs">Jira administration / Apps / ${module.title}</nav>
    ${session.isJiraAdmin
      ? ''
      : accessNotice(
          `${session.user.displayName} is not a Jira admin: Jira would not show them this page. ` +
            'The emulator shows it anyway, so you can check that the app refuses them by itself.',
        )}
    ${moduleFrame(module, token, 'page', frameOrigin)}`;
  return {
    status: 200,
    html: page({
      title: `${module.title} - Apps - Jira administration`,
      session,
      site: platform.site,
      path: url.pathname + url.search,
      sidebar: adminSidebar(modules, module.key),
      main,
      section: 'apps',
    }),
  };
}
