// Builds each Custom UI resource (static/<resource>/src/index.tsx) into static/<resource>/build/,
// the folder manifest.yml points at. Usage: node scripts/build-ui.mjs [--quiet]
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

export const RESOURCES = ['issue-panel', 'project-settings', 'admin-page', 'dora'];
/** What a page downloads before it can render (entry JS, its static chunks, CSS), gzipped. */
const INITIAL_BUDGET_BYTES = 200 * 1024;

const TITLES = {
  'issue-panel': 'Deploy Tracker: deployments',
  'project-settings': 'Deploy Tracker: project settings',
  'admin-page': 'Deploy Tracker: CI connections',
  dora: 'Deploy Tracker: DORA metrics',
};

function indexHtml(resource) {
  // Relative URLs: Forge serves the folder from its CDN, the emulator under /resources/<moduleKey>/.
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${TITLES[resource] ?? resource}</title>
    <link rel="stylesheet" href="./index.css" />
    <script type="module" src="./index.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;
}

/**
 * Design-token themes as plain CSS files. The apps load them with <link> (see static/shared/src/theme.ts)
 * rather than the <style> tags setGlobalTheme would inject, so they work under Forge's default CSP
 * (`style-src 'self'`) without asking for 'unsafe-inline'.
 */
function writeThemeCss(outdir) {
  const importMap = readFileSync(require.resolve('@atlaskit/tokens/dist/esm/artifacts/theme-import-map.js'), 'utf8');
  const pattern = /'([\w-]+)': function \w*\(\) \{\s*return import\([^)]*?'\.\/themes\/([\w-]+)'\)/g;
  const themes = [...importMap.matchAll(pattern)].filter(([, id]) => !id.startsWith('UNSAFE'));
  if (themes.length === 0) throw new Error('@atlaskit/tokens changed its theme import map: update writeThemeCss in scripts/build-ui.mjs');
  mkdirSync(path.join(outdir, 'themes'), { recursive: true });
  for (const [, id, file] of themes) {
    const css = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${file}.js`).default;
    writeFileSync(path.join(outdir, 'themes', `${id}.css`), css);
  }
}

/** Swaps Atlaskit's feature-gate client for a stub that answers "off", as the real one does uninitialised. */
const featureGateStub = {
  name: 'feature-gate-stub',
  setup(b) {
    const stub = path.join(root, 'static', 'shared', 'build-stubs', 'feature-gates.ts');
    b.onResolve({ filter: /^@atlaskit\/feature-gate-js-client(\/.*)?$/ }, () => ({ path: stub }));
  },
};

async function buildResource(resource) {
  const outdir = path.join(root, 'static', resource, 'build');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { index: path.join(root, 'static', resource, 'src', 'index.tsx') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    loader: { '.svg': 'file', '.png': 'file', '.woff': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [featureGateStub],
  });
  writeFileSync(path.join(outdir, 'index.html'), indexHtml(resource));
  writeThemeCss(outdir);
  return { resource, outdir, ...sizes(result.metafile, outdir) };
}

function gzipped(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function sizes(metafile, outdir) {
  const outputs = metafile.outputs;
  const rel = (f) => path.relative(outdir, path.resolve(root, f));
  const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith('src/index.tsx'));
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const css = Object.keys(outputs).filter((f) => f.endsWith('.css'));
  let initialGzip = 0;
  for (const file of [...initial, ...css]) initialGzip += gzipped(path.resolve(root, file));
  let totalGzip = 0;
  for (const file of Object.keys(outputs)) totalGzip += gzipped(path.resolve(root, file));
  return { initialGzip, totalGzip, initialFiles: [...initial, ...css].map(rel) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function buildUi({ quiet = false } = {}) {
  const started = Date.now();
  const results = await Promise.all(RESOURCES.map(buildResource));
  const over = results.filter((r) => r.initialGzip > INITIAL_BUDGET_BYTES);
  if (!quiet || over.length > 0) {
    for (const r of results) {
      console.log(
        `  ${r.resource.padEnd(17)} initial ${kb(r.initialGzip).padStart(9)} gzipped (budget ${kb(INITIAL_BUDGET_BYTES)}), all chunks ${kb(r.totalGzip)}`,
      );
    }
    console.log(`UI built in ${Date.now() - started} ms`);
  }
  if (over.length > 0) {
    throw new Error(`Over the ${kb(INITIAL_BUDGET_BYTES)} gzipped budget: ${over.map((r) => r.resource).join(', ')}`);
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildUi({ quiet: process.argv.includes('--quiet') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
