/**
 * `npm run lint:forge`: what `forge lint` checks, offline and without an Atlassian login.
 *
 *   tsx scripts/lint-forge.ts [--manifest <app dir>/manifest.yml] [--src <dir>]
 *
 * 1. Atlassian's full manifest validation (@forge/manifest FullValidationProcessor: YAML, schema, modules,
 *    handler files, resources on disk, permissions, runtime). Missing Custom UI builds are built first.
 * 2. The client-side linters of @forge/lint (getClientSideLintersOnly) over every source file of --src
 *    (default <app dir>/src); the permission linter reads vendor/atlassian-openapi, never the network.
 * 3. Two checks of ours: `resource:<key>;<file>` references (module icons) name a real file, and
 *    @forge/kvs imports come with the storage:app scope.
 * Errors (and a missing handler export, which @forge/lint only warns about) fail the run; warnings pass.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { NullLogger, StatsigService } from '@forge/cli-shared';
import { getClientSideLintersOnly, LintClass, LintResult, parseSourceFile, reportLintResults, tsParser } from '@forge/lint';
import type { LintInput, LintResultRule, ParseOptions } from '@forge/lint';
import { HandlerLinter } from '@forge/lint/out/lint/linters/handler-linter/handler-linter';
import { AgentProductContextPermissionsManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/agent-product-context-permissions-manifest-linter';
import { DeprecatedCspPermissionsManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/deprecated-csp-permissions-manifest-linter';
import { DeprecatedEgressPermissionsManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/deprecated-egress-permissions-manifest-linter';
import { FullManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/full-manifest-linter';
import { PermissionsManifestLinter } from '@forge/lint/out/lint/linters/manifest-linter/permissions-manifest-linter';
import { findPosition, FullValidationProcessor, type ManifestSchema } from '@forge/manifest';
import yaml from 'js-yaml';
import { z } from 'zod';

const OPENAPI_DIR = path.resolve(__dirname, '..', 'vendor', 'atlassian-openapi');
const DEFAULT_MANIFEST = path.resolve(__dirname, '..', 'manifest.yml');
/** What Forge's feature-flag service answers for the CLI today, pinned so the runtime check needs no network. */
const DEPRECATED_RUNTIMES = ['nodejs18.x', 'nodejs20.x'];
const SOURCE_EXTENSIONS = /\.(tsx?|jsx?|cjs|mjs)$/;
const MANIFEST_FILE = 'manifest.yml';

type Problems = Map<string, LintResultRule[]>;

/** Records a finding once per file and position; findings of lint:forge itself (no `class`) are errors. */
function problem(problems: Problems, file: string, rule: Omit<LintResultRule, 'class'> & { class?: LintClass }): void {
  const entry = { ...rule, class: rule.class ?? LintClass.Error };
  const list = problems.get(file) ?? [];
  if (!list.some((r) => r.line === entry.line && r.column === entry.column && r.message === entry.message)) list.push(entry);
  problems.set(file, list);
}

/** Any request fails at once and fails the run: a hung request to Atlassian would hang CI. */
function forbidNetwork(problems: Problems): void {
  const offlineFetch: typeof fetch = async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    const message = `lint:forge must run offline, but a Forge package tried to fetch ${url}`;
    problem(problems, MANIFEST_FILE, { message, reference: 'lint-forge-offline', line: 0, column: 0 });
    throw new Error(`lint:forge is offline: refused ${url}`);
  };
  globalThis.fetch = offlineFetch;
  // The permission linter reads Atlassian's OpenAPI documents from these instead of developer.atlassian.com.
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(OPENAPI_DIR, 'jira-platform.v3.json'),
    LOCAL_JSW_SWAGGER: path.join(OPENAPI_DIR, 'jira-software.v3.json'),
    LOCAL_JSM_SWAGGER: path.join(OPENAPI_DIR, 'empty-jsm.json'),
    LOCAL_CONF_SWAGGER: path.join(OPENAPI_DIR, 'empty-confluence.json'),
    LOCAL_CONF_V2_SWAGGER: path.join(OPENAPI_DIR, 'empty-confluence-v2.json'),
    LOCAL_BB_SWAGGER: path.join(OPENAPI_DIR, 'empty-bitbucket.json'),
  });
}

/** The real StatsigService with its network calls answered locally: no login, no feature-flag service. */
class OfflineStatsigService extends StatsigService {
  constructor() {
    const credentials = { getCredentials: () => Promise.reject(new Error('lint:forge runs without an Atlassian login')) };
    super(NullLogger, undefined, credentials, { readConfigSection: async () => 'missing' as const });
  }
  override async checkGate(): Promise<boolean | null> {
    return null;
  }
  override async getDynamicConfig(): Promise<null> {
    return null;
  }
  override async getDeprecatedRuntimes(): Promise<string[]> {
    return DEPRECATED_RUNTIMES;
  }
}

const resourcePathsSchema = z.object({ resources: z.array(z.object({ path: z.string() })).default([]) });

/** Custom UI resources are build output: build them rather than report folders a fresh clone cannot have. */
function buildMissingResources(problems: Problems): void {
  const parsed = resourcePathsSchema.safeParse(yaml.load(readFileSync(MANIFEST_FILE, 'utf8')));
  if (!parsed.success) return; // the validator explains what is wrong with the manifest
  const missing = parsed.data.resources.map((r) => r.path).filter((p) => !existsSync(p));
  const buildScript = path.join('scripts', 'build-ui.mjs');
  if (missing.length === 0 || !existsSync(buildScript)) return;
  console.error(`lint:forge: ${missing.join(', ')} not built yet; running node ${buildScript} first.`);
  const build = spawnSync(process.execPath, [buildScript], { stdio: 'inherit', timeout: 180_000 });
  if (build.status === 0) return;
  const message = `node ${buildScript} failed (${build.error?.message ?? `exit ${build.status}`}), so resources cannot be checked`;
  problem(problems, MANIFEST_FILE, { message, reference: 'lint-forge-build', line: 0, column: 0 });
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) yield* stringsIn(item);
}

/** Atlassian's validator checks resource folders but not the file behind `resource:icons;deploy.svg`. */
function checkResourceFileReferences(manifest: ManifestSchema, yamlLines: string[], problems: Problems): void {
  for (const reference of stringsIn(manifest.modules)) {
    const [, key, file] = /^resource:([^;]+);(.+)$/.exec(reference) ?? [];
    if (!key || !file) continue;
    const resource = (manifest.resources ?? []).find((r) => r.key === key);
    const target = resource && path.join(resource.path, file);
    if (target && existsSync(target)) continue;
    const message = target ? `${reference} points at ${target}, which does not exist` : `${reference} names undeclared resource "${key}"`;
    problem(problems, MANIFEST_FILE, { message, reference: 'lint-forge-resource-file', ...findPosition(reference, yamlLines) });
  }
}

/** @forge/lint's storage check only knows the removed `storage` export of @forge/api; @forge/kvs needs the same scope. */
function checkKvsScope(manifest: ManifestSchema, files: string[], problems: Problems): void {
  const scopes = manifest.permissions?.scopes ?? [];
  if ((Array.isArray(scopes) ? scopes : Object.keys(scopes)).includes('storage:app')) return;
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((text) => /(from\s+|require\(\s*)['"]@forge\/kvs['"]/.test(text) && !/import\s+type\b/.test(text));
    if (line < 0) continue;
    const message = '@forge/kvs (storage, secrets, custom entities) requires the "storage:app" scope';
    problem(problems, file, { message, reference: 'permission-scope-required', line: line + 1, column: 0 });
  }
}

/** Paths relative to the app folder, as `forge lint` passes them: the handler linter matches `src/<file>`. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE_EXTENSIONS.test(name) && !name.split(path.sep).includes('node_modules'))
    .map((name) => path.relative(process.cwd(), path.join(dir, name)).split(path.sep).join('/'))
    .sort();
}

/**
 * `forge lint` parses with the app's tsconfig.json, building a type-checked program of the whole repository
 * (10+ s here) although no client-side linter reads a type; `npm test` runs tsc for type errors. An own
 * enumerable `project: undefined` overrides tsParser's default in its options spread (exactOptionalPropertyTypes
 * cannot spell that value in a literal, hence defineProperty).
 */
const WITHOUT_TYPE_PROGRAM: Partial<ParseOptions> = {};
Object.defineProperty(WITHOUT_TYPE_PROGRAM, 'project', { value: undefined, enumerable: true });
const parseSyntaxOnly: typeof tsParser = (code, filepath) => tsParser(code, filepath, WITHOUT_TYPE_PROGRAM);
const parseErrorSchema = z.object({ message: z.string(), lineNumber: z.number().default(0), column: z.number().default(0) });

async function parseAll(files: string[], problems: Problems): Promise<LintInput[]> {
  const parsed = await Promise.all(
    files.map((file) =>
      parseSourceFile(file, parseSyntaxOnly).catch((error: unknown) => {
        const { message, lineNumber, column } = parseErrorSchema.catch({ message: String(error), lineNumber: 0, column: 0 }).parse(error);
        problem(problems, file, { message: `cannot parse: ${message}`, reference: 'lint-forge-parse', line: lineNumber, column });
        return undefined;
      }),
    ),
  );
  return parsed.filter((input) => input !== undefined);
}

/**
 * Leaves out the manifest linters that re-run validators step 1 already ran and reported unfiltered (full,
 * resources, permissions), and the trigger / Rovo agent scope linters when the manifest has neither module
 * (their validators return at once): each would recompile Atlassian's manifest schema, about 2 s.
 */
function isNeeded(linter: object, manifest: ManifestSchema): boolean {
  const covered = [FullManifestLinter, DeprecatedCspPermissionsManifestLinter, DeprecatedEgressPermissionsManifestLinter];
  if (covered.some((linterClass) => linter instanceof linterClass)) return false;
  if (linter instanceof PermissionsManifestLinter) return manifest.modules?.trigger !== undefined;
  if (linter instanceof AgentProductContextPermissionsManifestLinter) return manifest.modules?.['rovo:agentConnector'] !== undefined;
  return true;
}

async function runClientSideLinters(manifest: ManifestSchema, files: string[], problems: Problems): Promise<void> {
  // @forge/lint catches a linter's crash and only logs it: here that is an error, not a silent skip.
  const logger = {
    info: (text: string) =>
      problem(problems, MANIFEST_FILE, { message: stripVTControlCharacters(text).trim(), reference: 'lint-forge-linter-failed', line: 0, column: 0 }),
  };
  const all = await getClientSideLintersOnly(manifest, 'development', logger, new OfflineStatsigService());
  const linters = all.filter((linter) => isNeeded(linter, manifest));
  const inputs = await parseAll(files, problems);
  await Promise.all(linters.map((linter) => linter.bootstrap()));
  await Promise.all(
    linters.map(async (linter) => {
      // A handler the manifest names but the code does not export fails every invocation on Forge.
      const warningClass = linter instanceof HandlerLinter ? LintClass.Error : LintClass.Warning;
      for (const result of await linter.batchExecute(inputs)) {
        for (const rule of [...result.errors, ...result.approvals]) problem(problems, result.file, rule);
        for (const rule of result.warnings) problem(problems, result.file, { ...rule, class: warningClass });
      }
    }),
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  const { values } = parseArgs({ options: { manifest: { type: 'string' }, src: { type: 'string' } } });
  const manifestPath = path.resolve(values.manifest ?? DEFAULT_MANIFEST);
  if (path.basename(manifestPath) !== MANIFEST_FILE || !existsSync(manifestPath)) {
    console.error(`lint:forge: ${manifestPath} is not an existing ${MANIFEST_FILE} (Forge tools read it by that name).`);
    return 2;
  }
  const srcDir = path.resolve(values.src ?? path.join(path.dirname(manifestPath), 'src'));
  // Forge tools resolve manifest.yml, src/ and resource paths from the app's folder.
  process.chdir(path.dirname(manifestPath));
  const problems: Problems = new Map();
  forbidNetwork(problems);
  buildMissingResources(problems);

  const validation = await new FullValidationProcessor({ deprecatedRuntimes: DEPRECATED_RUNTIMES }).process(MANIFEST_FILE);
  for (const { level, message, reference, line = 0, column = 0 } of validation.errors ?? []) {
    const cls = level === 'warning' ? LintClass.Warning : LintClass.Error;
    problem(problems, MANIFEST_FILE, { class: cls, message, reference, line, column });
  }
  const manifest = validation.manifestObject?.typedContent;
  const files = sourceFiles(srcDir);
  if (manifest) {
    checkResourceFileReferences(manifest, validation.manifestObject?.yamlContentByLine ?? [], problems);
    checkKvsScope(manifest, files, problems);
    await runClientSideLinters(manifest, files, problems);
  } else {
    console.log(`lint:forge: ${MANIFEST_FILE} failed schema validation, so the source linters did not run; fix it first.`);
  }

  const results = [...problems].map(([file, rules]) => {
    const result = new LintResult(file);
    result.batchAdd(...rules.sort((a, b) => a.line - b.line || a.column - b.column));
    return result;
  });
  reportLintResults({ info: (line: string) => console.log(line) }, results);
  const failures = results.reduce((n, r) => n + r.errors.length + r.approvals.length, 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`lint:forge: full manifest validation + ${files.length} source files, offline, ${seconds} s.`);
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('lint:forge crashed:', error);
    process.exit(2);
  },
);
