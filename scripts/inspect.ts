/**
 * `npm run --silent inspect -- <command> ...`: shows what the app makes of a server's answers.
 *
 *   builds <jenkins|buildkite|circleci> <file.json> [workflows.json ...]
 *     One normalized Build per line (JSON). For CircleCI, workflow lists given after the pipeline
 *     file supply the state; without them a pipeline's state is unknown.
 */
import { readFileSync } from 'node:fs';
import { PROVIDER_KINDS, type ProviderKind } from '../src/domain/build';
import { buildsFromRecording } from '../src/providers/recorded';

type Command = (args: readonly string[]) => number;

const USAGE = 'usage: npm run --silent inspect -- builds <jenkins|buildkite|circleci> <file.json> [workflows.json ...]';

const commands: Readonly<Record<string, Command>> = {
  builds: ([provider, file, ...extra]) => {
    if (!isProvider(provider) || !file) return usage();
    const builds = buildsFromRecording(provider, readJson(file), extra.map(readJson));
    for (const build of builds) process.stdout.write(`${JSON.stringify(build)}\n`);
    return 0;
  },
};

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
