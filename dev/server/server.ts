import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Platform } from '../emulator/platform';
import { ASSET_TYPES, buildHostAssets, type HostAssets } from './assets';
import { BridgeApi } from './bridge-api';
import { frameOrigin, isLoopbackHost } from './frame-origin';
import { FrameTokens } from './frame-tokens';
import { HttpError, cookie, readForm, redirect, safeReturnPath, send, sendHtml, sendJson, sendText } from './http';
import { adminPage } from './pages/admin';
import type { PageContext, RenderedPage } from './pages/context';
import { homePage } from './pages/home';
import { issuePage } from './pages/issue';
import { notFoundPage } from './pages/not-found';
import { projectSettingsPage } from './pages/project-settings';
import { projectPage, projectPagePath } from './pages/project-page';
import { serveResource } from './resources';
import { THEME_COOKIE, USER_COOKIE, sessionOf } from './session';
import { serveWebtrigger } from './webtrigger';

function isAssetName(name: string | undefined): name is keyof HostAssets {
  return name !== undefined && Object.hasOwn(ASSET_TYPES, name);
}

export interface HostServerOptions {
  readonly platform: Platform;
  /** The app's root folder (manifest.yml, static/). */
  readonly appRoot: string;
  /** Called after an admin changes egress consents, e.g. to persist them. */
  readonly onEgressChange?: () => void;
  /** Answer any Host header; only for a server deliberately exposed beyond loopback (HOST=0.0.0.0). */
  readonly anyHost?: boolean;
}

export interface HostServer {
  readonly server: Server;
  /** Starts listening; resolves with the port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** `/healthz` answers 200 from now on. */
  markReady(): void;
  close(): Promise<void>;
}

/**
 * The local web server that plays Jira around the app's Custom UI: Jira-like pages with the
 * iframes, the bridge the real `@forge/bridge` calls, the resources, and web trigger URLs.
 */
export function createHostServer(options: HostServerOptions): HostServer {
  const { platform, appRoot } = options;
  const assets = buildHostAssets();
  const tokens = new FrameTokens(platform.clock);
  const bridge = new BridgeApi(platform, tokens, options.onEgressChange ?? (() => undefined));
  let ready = false;

  const pageContext = (req: IncomingMessage, url: URL): PageContext => ({
    platform,
    session: sessionOf(req, platform.site),
    tokens,
    url,
    frameOrigin: frameOrigin(req.headers.host),
  });
  const render = (res: ServerResponse, rendered: RenderedPage) => sendHtml(res, rendered.status, rendered.html);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const [first, second, third, fourth] = segments;
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    if (!options.anyHost && !isLoopbackHost(req.headers.host)) {
      throw new HttpError(421, 'The local emulator only answers requests for localhost or 127.0.0.1 (set HOST to expose it)');
    }

    if (url.pathname === '/healthz') return ready ? sendText(res, 200, 'ok') : sendText(res, 503, 'starting');
    if (first === 'x1' && second) return serveWebtrigger(req, res, platform, url, second);
    if (first === 'resources' && second && isGet) {
      return serveResource(res, platform, appRoot, second, segments.slice(2).join('/'), req.headers.host);
    }
    if (first === '_host') {
      if (second === 'bridge' && third) return bridge.handle(req, res, third);
      if (second === 'user' && req.method === 'POST') return switchCookie(req, res, USER_COOKIE, 'accountId');
      if (second === 'theme' && req.method === 'POST') return switchCookie(req, res, THEME_COOKIE, 'theme');
      if (isAssetName(second) && isGet) return send(res, 200, assets[second], { 'content-type': ASSET_TYPES[second] });
    }
    if (!isGet) throw new HttpError(405, `${req.method ?? ''} is not supported on ${url.pathname}`);
    if (url.pathname === '/') return sendHtml(res, 200, homePage(platform, sessionOf(req, platform.site)));
    if (first === 'jira' && second === 'issue' && third && !fourth) return render(res, issuePage(pageContext(req, url), third));
    if (first === 'jira' && second === 'project' && third && fourth === 'settings' && segments.length === 4) {
      return render(res, projectSettingsPage(pageContext(req, url), third));
    }
    if (first === 'jira' && second === 'project' && third && fourth && segments.length === 4) {
      const rendered = projectPage(pageContext(req, url), third, fourth);
      if (rendered) return render(res, rendered);
    }
    if (first === 'jira' && second === 'admin' && !third) return render(res, adminPage(pageContext(req, url)));
    if (first === 'jira' && second === 'apps' && third && !fourth) return redirect(res, moduleUrl(third, url.searchParams.get('projectKey')));
    if (url.pathname === '/favicon.ico') return send(res, 204, '');
    return render(res, notFoundPage(pageContext(req, url), 'Page not found', `The local Jira has no page ${url.pathname}.`));
  }

  /** Where `router.navigate({ target: 'module', moduleKey })` leads: the page that shows that module. */
  function moduleUrl(moduleKey: string, projectKey: string | null): string {
    const key = encodeURIComponent(moduleKey);
    const type = platform.manifest.modules['jira:projectSettingsPage'].some((m) => m.key === moduleKey)
      ? 'project'
      : platform.manifest.modules['jira:adminPage'].some((m) => m.key === moduleKey)
        ? 'admin'
        : undefined;
    if (projectKey && platform.manifest.modules['jira:projectPage'].some((m) => m.key === moduleKey)) {
      return `/jira/project/${encodeURIComponent(projectKey)}/${encodeURIComponent(projectPagePath(moduleKey))}`;
    }
    if (type === 'project' && projectKey) return `/jira/project/${encodeURIComponent(projectKey)}/settings?module=${key}`;
    if (type === 'admin') return `/jira/admin?module=${key}`;
    return '/';
  }

  async function switchCookie(req: IncomingMessage, res: ServerResponse, name: string, field: string): Promise<void> {
    const form = await readForm(req);
    const value = form.get(field) ?? '';
    redirect(res, safeReturnPath(form.get('return')), [cookie(name, value)]);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : error instanceof SyntaxError ? 400 : 500;
      if (status === 500) console.error(`[host] ${req.method} ${req.url} failed:`, error);
      if (res.headersSent) return res.end();
      const message = error instanceof Error ? error.message : String(error);
      if ((req.url ?? '').startsWith('/_host/bridge/')) return sendJson(res, status, { ok: false, error: message });
      return sendText(res, status, status === 500 ? 'The local emulator failed on this request; see its terminal.' : message);
    });
  });

  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    markReady: () => {
      ready = true;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
