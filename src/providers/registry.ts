import type { Connection, ConnectionSecret } from '../domain/connection';
import { BuildkiteProvider } from './buildkite/service';
import { CircleCiProvider } from './circleci/service';
import type { ProviderDeps } from './http/types';
import { JenkinsProvider } from './jenkins/service';
import type { Provider } from './provider';

/**
 * The provider for a connection. The secret comes as its own argument, straight from secret
 * storage; `deps` carries fetch, clock, deadline and the request budget shared by the run.
 */
export function createProvider(connection: Connection, secret: ConnectionSecret, deps: ProviderDeps): Provider {
  switch (connection.kind) {
    case 'jenkins':
      return new JenkinsProvider(connection, secret, deps);
    case 'buildkite':
      return new BuildkiteProvider(connection, secret, deps);
    case 'circleci':
      return new CircleCiProvider(connection, secret, deps);
  }
}
