import type { ConnectionScope } from '../../../../../src/domain/connection-scope';
import { ConnectionStore } from '../../../../../src/storage/connection-store';
import { TOKEN } from '../../../support/deps';
import { JENKINS_USER } from './setup';

export interface SavedJenkins {
  readonly id: string;
  readonly name: string;
  readonly baseUrl: string;
  readonly agentEnabled?: boolean;
  readonly agentReadableByAll?: boolean;
  readonly scope?: ConnectionScope;
  readonly apiToken?: string;
}

/** A Jenkins connection saved as the admin page saves it: record and secret through ConnectionStore. */
export async function saveJenkins(saved: SavedJenkins): Promise<void> {
  await new ConnectionStore().save({
    connection: { kind: 'jenkins', id: saved.id, name: saved.name, baseUrl: saved.baseUrl, username: JENKINS_USER, customHeaders: {} },
    scope: saved.scope ?? { kind: 'site' },
    agentEnabled: saved.agentEnabled ?? true,
    agentReadableByAll: saved.agentReadableByAll ?? false,
    secret: { apiToken: saved.apiToken ?? TOKEN, headers: {} },
    now: '2026-11-20T10:00:00.000Z',
  });
}
