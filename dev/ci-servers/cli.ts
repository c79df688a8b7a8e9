/**
 * Runs the three stand-ins in their own process, so a bench can measure the sync's CPU without
 * the servers' (`tsx dev/ci-servers/cli.ts --preset scale`). Prints one JSON line with the URLs
 * and credentials, then serves until SIGINT or SIGTERM. Control: `POST {url}/__standin/grow?percent=1`,
 * `GET {url}/__standin/stats`, `POST {url}/__standin/stats/reset` on each server.
 * `--tls-key key.pem --tls-cert cert.pem` serves all three over HTTPS with that certificate.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCiStandIns } from './all';
import { DEMO_CREDENTIALS } from './shared/credentials';

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name} must be a port number, not "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'demo' },
      growing: { type: 'boolean', default: false },
      'commit-every-ms': { type: 'string' },
      seed: { type: 'string' },
      host: { type: 'string' },
      'jenkins-port': { type: 'string' },
      'buildkite-port': { type: 'string' },
      'circleci-port': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
    },
  });
  if (values.preset !== 'demo' && values.preset !== 'scale') throw new Error(`--preset is demo or scale, not "${values.preset ?? ''}"`);
  const every = values['commit-every-ms'] === undefined ? undefined : Number(values['commit-every-ms']);
  if ((values['tls-key'] === undefined) !== (values['tls-cert'] === undefined)) throw new Error('--tls-key and --tls-cert go together');
  const tls = values['tls-key'] && values['tls-cert'] ? { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) } : undefined;
  const listen = (name: 'jenkins-port' | 'buildkite-port' | 'circleci-port') => ({ host: values.host, port: port(values[name], name), tls });
  const ci = await startCiStandIns({
    preset: values.preset,
    world: {
      ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
      ...(values.growing ? { growing: every === undefined ? true : { commitEveryMs: every } } : {}),
    },
    jenkins: listen('jenkins-port'),
    buildkite: listen('buildkite-port'),
    circleci: listen('circleci-port'),
  });
  console.log(
    JSON.stringify({
      jenkins: { url: ci.jenkins.url, ...DEMO_CREDENTIALS.jenkins },
      buildkite: { url: ci.buildkite.url, ...DEMO_CREDENTIALS.buildkite },
      circleci: { url: ci.circleci.url, projectSlugs: ci.circleci.projectSlugs, ...DEMO_CREDENTIALS.circleci },
    }),
  );
  const stop = () => {
    ci.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[ci-servers] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
