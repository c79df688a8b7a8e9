import type { JiraSite } from '../../emulator/jira/site';
import { html, type SafeHtml } from '../html';
import { roleOf, type Session } from '../session';

export interface PageOptions {
  readonly title: string;
  readonly session: Session;
  readonly site: JiraSite;
  /** The path the switchers return to after a change. */
  readonly path: string;
  readonly sidebar?: SafeHtml;
  readonly main: SafeHtml;
  /** Which top navigation item is current. */
  readonly section?: 'home' | 'projects' | 'apps';
}

const THEME_ATTRS = 'dark:dark light:light spacing:spacing typography:typography shape:shape';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

function userSwitcher(options: PageOptions): SafeHtml {
  const { session, site, path } = options;
  const users = site.users().filter((u) => u.active);
  return html`<form class="switcher" method="post" action="/_host/user">
    <input type="hidden" name="return" value="${path}" />
    <label for="user-switcher">Acting as</label>
    <select id="user-switcher" name="accountId">
      ${users.map(
        (u) =>
          html`<option value="${u.accountId}" ${u.accountId === session.user.accountId ? html`selected` : ''}>${u.displayName} (${roleOf(site, u)})</option>`,
      )}
    </select>
    <button type="submit" class="button">Switch user</button>
  </form>`;
}

function themeSwitcher(options: PageOptions): SafeHtml {
  const next = options.session.colorMode === 'dark' ? 'light' : 'dark';
  return html`<form method="post" action="/_host/theme">
    <input type="hidden" name="return" value="${options.path}" />
    <button type="submit" class="button" name="theme" value="${next}" aria-label="Switch to ${next} theme">
      ${next === 'dark' ? 'Dark theme' : 'Light theme'}
    </button>
  </form>`;
}

function navLink(href: string, label: string, current: boolean): SafeHtml {
  return html`<a href="${href}" ${current ? html`aria-current="page"` : ''}>${label}</a>`;
}

/** The Jira-like page around our Custom UI iframes: top navigation, switchers, sidebar and main column. */
export function page(options: PageOptions): string {
  const { session, title, section } = options;
  return html`<!doctype html>
<html lang="en" data-color-mode="${session.colorMode}" data-theme="${THEME_ATTRS}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} - Jira (local Forge emulator)</title>
    <link rel="stylesheet" href="/_host/tokens.css" />
    <link rel="stylesheet" href="/_host/host.css" />
    <script src="/_host/host.js"></script>
  </head>
  <body data-jira-admin="${session.isJiraAdmin ? 'true' : 'false'}">
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="topnav">
      <a class="brand" href="/"><span class="logo" aria-hidden="true"></span><span>Jira</span></a>
      <nav class="topnav-links" aria-label="Jira">
        ${navLink('/', 'Your work', section === 'home')} ${navLink('/#projects', 'Projects', section === 'projects')}
        ${navLink('/jira/admin', 'Apps', section === 'apps')}
      </nav>
      <span class="emulator-badge" title="Pages served by the local Forge emulator (npm start), not by Atlassian">Local emulator</span>
      <div class="session">
        ${themeSwitcher(options)} ${userSwitcher(options)}
        <span class="avatar" aria-hidden="true" title="${session.user.displayName}">${initials(session.user.displayName)}</span>
      </div>
    </header>
    <div class="layout ${options.sidebar ? '' : 'layout-wide'}">
      ${options.sidebar ?? ''}
      <main id="main" tabindex="-1">${options.main}</main>
    </div>
    <div id="flags" class="flags" aria-live="polite"></div>
  </body>
</html>`.value;
}
