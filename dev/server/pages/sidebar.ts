import type { JiraProject } from '../../emulator/jira/site';
import { html, type SafeHtml } from '../html';
import type { UiModuleInfo } from '../modules';

function item(href: string, label: string, current: boolean): SafeHtml {
  return html`<li><a href="${href}" ${current ? html`aria-current="page"` : ''}>${label}</a></li>`;
}

/** A project's left sidebar, with the app's project pages and, when `settingsModules` is given, its settings pages. */
export function projectSidebar(
  project: JiraProject,
  current: 'issues' | 'settings' | 'app',
  settingsModules: readonly UiModuleInfo[] = [],
  currentModule?: string,
  projectPages: readonly { readonly module: UiModuleInfo; readonly href: string }[] = [],
): SafeHtml {
  return html`<nav class="sidebar" aria-label="${project.name}">
    <div class="sidebar-project">
      <span class="project-avatar" aria-hidden="true">${project.key.slice(0, 1)}</span>
      <div><strong>${project.name}</strong><br /><span class="subtle">Software project</span></div>
    </div>
    <ul>
      ${item(`/jira/issue/${project.key}-1`, 'Issues', current === 'issues')}
      ${projectPages.map((p) => item(p.href, p.module.title, current === 'app' && p.module.key === currentModule))}
      ${item(`/jira/project/${project.key}/settings`, 'Project settings', current === 'settings' && !currentModule)}
    </ul>
    ${settingsModules.length
      ? html`<h2 class="sidebar-heading">Apps</h2>
          <ul>
            ${settingsModules.map((m) =>
              item(`/jira/project/${project.key}/settings?module=${encodeURIComponent(m.key)}`, m.title, m.key === currentModule),
            )}
          </ul>`
      : ''}
  </nav>`;
}

/** Jira administration's left sidebar, listing the app's admin pages. */
export function adminSidebar(modules: readonly UiModuleInfo[], currentModule: string | undefined): SafeHtml {
  return html`<nav class="sidebar" aria-label="Jira administration">
    <h2 class="sidebar-heading">Apps</h2>
    <ul>
      ${modules.map((m) => item(`/jira/admin?module=${encodeURIComponent(m.key)}`, m.title, m.key === currentModule))}
    </ul>
  </nav>`;
}
