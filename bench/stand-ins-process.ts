/**
 * The bench's CI stand-ins, in their own process: their CPU (rendering JSON for the sync) must not
 * count as the sync's. The parent talks to this process over Node's IPC channel.
 */
import { startCiStandIns, type CiStandIns } from '../dev/ci-servers';
import { allJenkinsBuilds, expectedFirstSync } from './expected';
import { standInOptions, type StandInSite } from './stand-in-sites';
import type { ChildReply, ChildRequest } from './stand-ins-protocol';

async function main(): Promise<void> {
  const site = (process.argv[2] ?? 'bench') as StandInSite;
  const ci: CiStandIns = await startCiStandIns(standInOptions(site));
  const send = (reply: ChildReply) => process.send?.(reply);
  send({
    kind: 'ready',
    jenkins: ci.jenkins.url,
    buildkite: ci.buildkite.url,
    circleci: ci.circleci.url,
    projectSlugs: [...ci.circleci.projectSlugs],
  });
  process.on('message', (raw: unknown) => {
    const request = raw as ChildRequest;
    void (async () => {
      switch (request.kind) {
        case 'grow':
          send({ kind: 'grown', id: request.id, result: ci.grow(request.percent) });
          return;
        case 'stats':
          send({
            kind: 'stats',
            id: request.id,
            jenkins: { requests: ci.jenkins.stats.requests, byPath: ci.jenkins.stats.byPath },
            buildkite: { requests: ci.buildkite.stats.requests, byPath: ci.buildkite.stats.byPath },
            circleci: { requests: ci.circleci.stats.requests, byPath: ci.circleci.stats.byPath },
          });
          return;
        case 'reset':
          ci.jenkins.stats.reset();
          ci.buildkite.stats.reset();
          ci.circleci.stats.reset();
          send({ kind: 'done', id: request.id });
          return;
        case 'expected':
          send({ kind: 'expected', id: request.id, builds: expectedFirstSync(ci, request.buildkiteFrom) });
          return;
        case 'all-jenkins':
          send({ kind: 'expected', id: request.id, builds: allJenkinsBuilds(ci) });
          return;
        case 'close':
          await ci.close();
          send({ kind: 'done', id: request.id });
          process.exit(0);
      }
    })();
  });
}

main().catch((error: unknown) => {
  console.error('[bench] the stand-ins could not start:', error);
  process.exit(1);
});
