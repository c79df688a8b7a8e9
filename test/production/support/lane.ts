import path from 'node:path';
import Resolver from '@forge/resolver';
import { startCiStandIns, startJenkinsStandIn, type CiStandIns, type JenkinsStandIn } from '../../../dev/ci-servers';
import { seedDemoSite } from '../../../dev/demo/seed';
import type { AppHandler } from '../../../dev/emulator/functions';
import { Platform, type PlatformOptions } from '../../../dev/emulator/platform';
import { defineConnectionResolvers } from '../../../src/resolvers/connections';
import { defineProjectSettingsResolvers } from '../../../src/resolvers/project-settings';
import { syncScheduler, syncWorker } from '../../../src/sync/entry-points';
import { issueCertificate, type CertificateKind } from './certificates';
import { mappedInternet, type HostMapping } from './network';

/**
 * The production lane's world: an emulator that reports PRODUCTION (so HTTPS only, no loopback,
 * Forge's ports) and an internet of public-looking names (`*.ci.test`) that lead to local HTTPS
 * stand-ins, each with a certificate of the kind the test asks for.
 */
export class Internet {
  private readonly hosts: HostMapping[] = [];
  readonly fetch = mappedInternet(() => this.hosts);

  map(hostname: string, port: number): void {
    this.hosts.push({ hostname, port });
  }
}

const HANDLERS: Record<string, AppHandler> = {
  'index.syncScheduler': () => syncScheduler(),
  'index.syncWorker': (event) => syncWorker(event),
};

/**
 * A PRODUCTION platform on `internet`, whose `ui-resolver` holds the connection and project
 * settings resolvers and whose sync functions are the engine's own, with the demo site seeded.
 */
export function productionPlatform(internet: Internet, options: Partial<Omit<PlatformOptions, 'localMode' | 'environmentType'>> = {}): Platform {
  const resolver = new Resolver();
  defineConnectionResolvers(resolver);
  defineProjectSettingsResolvers(resolver);
  const ui = resolver.getDefinitions() as AppHandler;
  // The platform wraps the fetch that is global when it is built: the lane's internet.
  const saved = globalThis.fetch;
  globalThis.fetch = internet.fetch;
  try {
    const platform = new Platform({
      appRoot: path.resolve(__dirname, '../../..'),
      loadHandler: (name) => {
        const handler = name === 'index.uiResolver' ? ui : HANDLERS[name];
        if (!handler) throw new Error(`the production lane does not load ${name}`);
        return handler;
      },
      ...options,
      environmentType: 'PRODUCTION',
    });
    seedDemoSite(platform.site);
    return platform;
  } finally {
    globalThis.fetch = saved;
  }
}

/** A Jenkins stand-in at https://`hostname`, serving a certificate of `kind` issued for `certifiedFor`. */
export async function httpsJenkins(internet: Internet, hostname: string, kind: CertificateKind = 'valid', certifiedFor: string = hostname): Promise<JenkinsStandIn> {
  const jenkins = await startJenkinsStandIn({ tls: issueCertificate([certifiedFor], kind), publicOrigin: `https://${hostname}` });
  internet.map(hostname, jenkins.port);
  return jenkins;
}

export const CI_HOSTS = { jenkins: 'jenkins.ci.test', buildkite: 'buildkite.ci.test', circleci: 'circleci.ci.test' } as const;

/** The three demo stand-ins over HTTPS, each under its own name with a valid certificate. */
export async function httpsCiStandIns(internet: Internet): Promise<CiStandIns> {
  const side = (hostname: string) => ({ tls: issueCertificate([hostname]), publicOrigin: `https://${hostname}` });
  const ci = await startCiStandIns({ jenkins: side(CI_HOSTS.jenkins), buildkite: side(CI_HOSTS.buildkite), circleci: side(CI_HOSTS.circleci) });
  internet.map(CI_HOSTS.jenkins, ci.jenkins.port);
  internet.map(CI_HOSTS.buildkite, ci.buildkite.port);
  internet.map(CI_HOSTS.circleci, ci.circleci.port);
  return ci;
}
