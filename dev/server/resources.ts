import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { customUiCsp } from './csp';
import { frameAncestors } from './frame-origin';
import { send, sendHtml } from './http';
import { escapeHtml } from './html';
import type { Platform } from '../emulator/platform';
import { resourceFolder } from './modules';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where the host's bridge goes: before any of the app's own scripts, as Forge's iframe loader does. */
export const BRIDGE_SCRIPT_TAG = '<script src="/_host/iframe-bridge.js"></script>';

export function injectBridge(indexHtml: string): string {
  const head = /<head[^>]*>/i.exec(indexHtml);
  if (!head) return BRIDGE_SCRIPT_TAG + indexHtml;
  const at = head.index + head[0].length;
  return indexHtml.slice(0, at) + BRIDGE_SCRIPT_TAG + indexHtml.slice(at);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Serves `/resources/<moduleKey>/<file>` from the folder manifest.yml names for the module's resource. */
export async function serveResource(
  res: ServerResponse,
  platform: Platform,
  appRoot: string,
  moduleKey: string,
  relativePath: string,
  hostHeader: string | undefined,
): Promise<void> {
  const folder = resourceFolder(platform, appRoot, moduleKey);
  if (!folder) {
    sendHtml(res, 404, `<p>manifest.yml has no Custom UI module "${escapeHtml(moduleKey)}" with a resource.</p>`);
    return;
  }
  const file = path.resolve(folder, relativePath === '' ? 'index.html' : relativePath);
  if (file !== folder && !file.startsWith(folder + path.sep)) {
    sendHtml(res, 404, '<p>Not found</p>');
    return;
  }
  if (!(await isFile(file))) {
    const missingBuild = !(await isFile(path.join(folder, 'index.html')));
    const message = missingBuild
      ? `The Custom UI of "${moduleKey}" is not built (${path.relative(appRoot, folder)} is empty). Run npm run build, then reload.`
      : `${relativePath} is not in ${path.relative(appRoot, folder)}`;
    sendHtml(res, missingBuild ? 503 : 404, `<p>${escapeHtml(message)}</p>`);
    return;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  if (path.extname(file).toLowerCase() === '.html') {
    const page = injectBridge(await readFile(file, 'utf8'));
    sendHtml(res, 200, page, { 'content-security-policy': customUiCsp(platform.manifest, frameAncestors(hostHeader)) });
    return;
  }
  send(res, 200, await readFile(file), { 'content-type': type });
}
