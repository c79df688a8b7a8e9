import type { Platform } from '../../emulator/platform';
import { html } from '../html';
import type { Session } from '../session';
import { uiModules } from '../modules';
import { page } from './layout';
import { projectPagePath } from './project-page';

/** `/`: links to every page of the emulated site and every web trigger URL. */
export function homePage(platform: Platform, session: Session): string {
  const site = platform.site;
  const actor = { type: 'user' as const, user: session.user };
  // As on Jira's own pages, a project the signed-in user cannot see is not listed.
  const projects = site.projects().filter((p) => site.canViewProject(actor, p));
  const webtriggers = platform.manifest.modules.webtrigger.map((w) => ({ key: w.key, url: platform.stargate.urlFor(w.key) }));
  const main = html`<h1>Your work</h1>
    <p class="subtle">
      A local Jira for the Deploy Tracker Forge app. Pick a user in the header to see the app as a Jira admin or as a
      user without admin rights.
    </p>
    <section aria-labelledby="projects">
      <h2 id="projects">Projects</h2>
      <ul class="cards">
        ${projects.map((project) => {
          const issues = site.canBrowse(actor, project) ? site.issues().filter((i) => i.projectId === project.id) : [];
          return html`<li class="card">
            <h3>${project.name} <span class="subtle">(${project.key})</span></h3>
            <p>
              <a href="/jira/project/${project.key}/settings">Project settings</a> ·
              ${uiModules(platform, 'jira:projectPage').map((m) => html`<a href="/jira/project/${project.key}/${projectPagePath(m.key)}">${m.title}</a> · `)}${issues.length} issues
            </p>
            <ul class="issue-links">
              ${issues.slice(0, 30).map((i) => html`<li><a href="/jira/issue/${i.key}">${i.key}</a> ${i.summary}</li>`)}
            </ul>
          </li>`;
        })}
      </ul>
    </section>
    <section aria-labelledby="admin">
      <h2 id="admin">Jira administration</h2>
      <p><a href="/jira/admin">Apps: Deploy Tracker admin page</a></p>
    </section>
    <section aria-labelledby="webtriggers">
      <h2 id="webtriggers">Web triggers</h2>
      <ul>
        ${webtriggers.map((w) => html`<li><code>${w.key}</code>: <code>${w.url}</code></li>`)}
      </ul>
      <p class="subtle"><a href="/healthz">/healthz</a> answers 200 once the emulator is ready.</p>
    </section>`;
  return page({ title: 'Your work', session, site, path: '/', main, section: 'home' });
}
