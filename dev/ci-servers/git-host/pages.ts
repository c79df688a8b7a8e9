import { html, type SafeHtml } from '../../server/html';
import type { Commit } from '../shared/commits';

/**
 * The Git host's pages: plain HTML with no script, every value from the world escaped by the
 * `html` tag (commit messages are text people typed, and a page must never run them as markup).
 */

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#4493f8}}
code,pre{font-family:ui-monospace,monospace}pre{white-space:pre-wrap;border-left:3px solid #8c959f;padding-left:1rem}
table{border-collapse:collapse}td{padding:.25rem .75rem .25rem 0;vertical-align:top}header{opacity:.75}`;

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head>
<body><header>Local Git host (Deploy Tracker demo stand-in)</header>
${body}
</body>
</html>
`.value;
}

/** `2026-03-02 10:00 UTC`: one unambiguous form, whatever the reader's locale. */
function shown(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function commitPage(repository: string, commit: Commit): string {
  return page(
    `${commit.subject} · ${commit.sha.slice(0, 7)} · ${repository}`,
    html`<p><a href="/${repository}">${repository}</a> › commit</p>
<h1 data-testid="commit-subject">${commit.subject}</h1>
${commit.body ? html`<pre data-testid="commit-body">${commit.body}</pre>` : ''}
<table>
<tr><td>Commit</td><td><code data-testid="commit-sha">${commit.sha}</code></td></tr>
<tr><td>Author</td><td data-testid="commit-author">${commit.author.name} &lt;${commit.author.email}&gt;</td></tr>
<tr><td>Date</td><td><time datetime="${new Date(commit.time).toISOString()}" data-testid="commit-time">${shown(commit.time)}</time></td></tr>
<tr><td>Branch</td><td><code>${commit.branch}</code></td></tr>
</table>`,
  );
}

export function repositoryPage(repository: string, recent: readonly Commit[]): string {
  const rows = recent.map(
    (c) => html`<tr><td><a href="/${repository}/commit/${c.sha}"><code>${c.sha.slice(0, 7)}</code></a></td><td>${c.subject}</td><td>${c.author.name}</td><td>${shown(c.time)}</td></tr>`,
  );
  return page(
    repository,
    html`<h1 data-testid="repository-name">${repository}</h1>
<h2>Latest commits</h2>
<table data-testid="recent-commits">${rows}</table>`,
  );
}

export function notFoundPage(path: string): string {
  return page('Not Found', html`<h1>404 Not Found</h1><p>Nothing at <code>${path}</code> on this Git host.</p>`);
}

export function hostPage(repositories: readonly string[]): string {
  return page('Local Git host', html`<h1>Repositories</h1><ul>${repositories.map((r) => html`<li><a href="/${r}">${r}</a></li>`)}</ul>`);
}
