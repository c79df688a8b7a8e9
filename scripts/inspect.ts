/**
 * `npm run --silent inspect -- <command> ...`: shows what the app makes of a server's answers.
 *
 *   builds <jenkins|buildkite|circleci> <file.json> [workflows.json ...]
 *     One normalized Build per line (JSON). For CircleCI, workflow lists given after the pipeline
 *     file supply the state; without them a pipeline's state is unknown.
 *
 *   issue-keys --projects KEY1,KEY2
 *     Reads JSON strings (commit messages, branch names), one a line, from stdin and prints for
 *     each a JSON array of the issue keys a deploy would link, with KEY1, KEY2 as the site's projects.
 */
import { readFileSync } from 'node:fs';
import { PROVIDER_KINDS, type ProviderKind } from '../src/domain/build';
import { linkableIssueKeys } from '../src/domain/issue-keys';
import { buildsFromRecording } from '../src/providers/recorded';

type Command = (args: readonly string[]) => number;

const USAGE = [
  'usage: npm run --silent inspect -- builds <jenkins|buildkite|circleci> <file.json> [workflows.json ...]',
  '       npm run --silent inspect -- issue-keys --projects KEY1,KEY2 < lines-of-json-strings',
].join('\n');

const commands: Readonly<Record<string, Command>> = {
  builds: ([provider, file, ...extra]) => {
    if (!isProvider(provider) || !file) return usage();
    const builds = buildsFromRecording(provider, readJson(file), extra.map(readJson));
    for (const build of builds) process.stdout.write(`${JSON.stringify(build)}\n`);
    return 0;
  },
  'issue-keys': (args) => {
    const projects = projectsOption(args);
    if (!projects) return usage();
    const lines = readFileSync(0, 'utf8').split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const text = parseLine(line);
      if (text === undefined) throw new Error(`line ${index + 1} is not a JSON string: ${line.slice(0, 80)}`);
      process.stdout.write(`${JSON.stringify(linkableIssueKeys([text], { siteProjectKeys: projects }))}\n`);
    }
    return 0;
  },
};

function projectsOption(args: readonly string[]): string[] | undefined {
  const index = args.indexOf('--projects');
  const value = index >= 0 ? args[index + 1] : args.find((a) => a.startsWith('--projects='))?.slice('--projects='.length);
  const projects = value?.split(',').map((p) => p.trim()).filter(Boolean);
  return projects?.length ? projects : undefined;
}

function parseLine(line: string): string | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function isProvider(value: string | undefined): value is ProviderKind {
  return PROVIDER_KINDS.some((kind) => kind === value);
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
}

function usage(): number {
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

function main(argv: readonly string[]): number {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) return usage();
  try {
    return command(args);
  } catch (error) {
    process.stderr.write(`inspect ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
