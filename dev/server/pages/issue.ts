import { developmentBox } from '../development-box';
import { html } from '../html';
import { uiModules } from '../modules';
import type { PageContext, RenderedPage } from './context';
import { moduleFrame } from './frame';
import { page } from './layout';
import { notFoundPage } from './not-found';
import { projectPageLinks } from './project-page';
import { projectSidebar } from './sidebar';

function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** `/jira/issue/<KEY>`: an issue view with every `jira:issuePanel` of the app under the description. */
export function issuePage(context: PageContext, issueKey: string): RenderedPage {
  const { platform, session, tokens, url, frameOrigin } = context;
  const site = platform.site;
  const issue = site.issue(issueKey);
  const project = issue ? site.projectOf(issue) : undefined;
  // Jira answers the same for a missing issue and one the user may not browse, so neither leaks.
  if (!issue || !project || !site.canBrowse({ type: 'user', user: session.user }, project)) {
    return notFoundPage(
      context,
      'This issue can’t be found',
      `${issueKey} does not exist, or ${session.user.displayName} does not have permission to see it. Try another user in the header.`,
    );
  }
  const extension = {
    issue: { key: issue.key, id: issue.id, type: issue.issuetype },
    project: { key: project.key, id: project.id, type: 'software' },
  };
  const panels = uiModules(platform, 'jira:issuePanel').map((module) => {
    const token = tokens.mint({ moduleKey: module.key, accountId: session.user.accountId, extension, colorMode: session.colorMode });
    return html`<section class="issue-panel" aria-label="${module.title}">
      <h2 class="panel-title"><span class="app-icon" aria-hidden="true"></span>${module.title}</h2>
      ${moduleFrame(module, token, 'panel', frameOrigin)}
    </section>`;
  });
  const main = html`<nav class="breadcrumbs" aria-label="Breadcrumbs">
      <a href="/#projects">Projects</a> / <a href="/jira/project/${project.key}/settings">${project.name}</a> /
      <span aria-current="page">${issue.key}</span>
    </nav>
    <div class="issue">
      <div class="issue-main">
        <h1 data-testid="issue-summary">${issue.summary}</h1>
        <h2 class="label">Description</h2>
        <p class="subtle">Add a description…</p>
        ${panels}
      </div>
      <div class="issue-side">
      <aside class="issue-details" aria-label="Details">
        <span class="status-lozenge">${issue.status}</span>
        <dl>
          <dt>Type</dt>
          <dd>${issue.issuetype}</dd>
          <dt>Project</dt>
          <dd>${project.name}</dd>
          <dt>Created</dt>
          <dd>${formatDate(issue.created)}</dd>
          <dt>Updated</dt>
          <dd>${formatDate(issue.updated)}</dd>
        </dl>
      </aside>
      ${developmentBox(site, issue, { type: 'user', user: session.user })}
      </div>
    </div>`;
  const sidebar = projectSidebar(project, 'issues', [], undefined, projectPageLinks(context, project.key));
  return {
    status: 200,
    html: page({ title: `[${issue.key}] ${issue.summary}`, session, site, path: url.pathname, sidebar, main, section: 'projects' }),
  };
}
