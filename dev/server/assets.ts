import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The host page's own scripts and styles, built once when the server starts. */
export interface HostAssets {
  readonly 'host.js': string;
  readonly 'iframe-bridge.js': string;
  readonly 'host.css': string;
  readonly 'tokens.css': string;
}

const CLIENT_DIR = path.join(__dirname, 'client');

function bundle(entry: string): string {
  const result = buildSync({
    entryPoints: [path.join(CLIENT_DIR, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    minify: false,
    legalComments: 'none',
    logLevel: 'error',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced nothing for dev/server/client/${entry}`);
  return file.text;
}

/**
 * Atlassian's design-token themes as CSS, so the Jira-like host page uses Jira's own colours in light
 * and dark mode. Read from the same generated files the Custom UI build copies (scripts/build-ui.mjs).
 */
function tokenCss(): string {
  const requireFromHere = createRequire(__filename);
  return ['light', 'dark', 'spacing', 'typography', 'shape']
    .map((theme) => {
      const mod: unknown = requireFromHere(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${theme}.js`);
      const css = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
      if (typeof css !== 'string') throw new Error(`@atlaskit/tokens has no CSS for the "${theme}" theme any more`);
      return css;
    })
    .join('\n');
}

export function buildHostAssets(): HostAssets {
  return {
    'host.js': bundle('host.ts'),
    'iframe-bridge.js': bundle('iframe-bridge.ts'),
    'host.css': ['host-layout.css', 'host-content.css', 'host-overlays.css']
      .map((file) => readFileSync(path.join(CLIENT_DIR, file), 'utf8'))
      .join('\n'),
    'tokens.css': tokenCss(),
  };
}

export const ASSET_TYPES: Record<keyof HostAssets, string> = {
  'host.js': 'text/javascript; charset=utf-8',
  'iframe-bridge.js': 'text/javascript; charset=utf-8',
  'host.css': 'text/css; charset=utf-8',
  'tokens.css': 'text/css; charset=utf-8',
};
