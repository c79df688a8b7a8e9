import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PlatformRequest, PlatformService } from './types';
import { jsonResponse } from './types';

const graphqlSchema = z.object({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).optional(),
});
const createUrlInput = z.object({ input: z.object({ triggerKey: z.string() }) });

/**
 * Atlassian's GraphQL gateway as `@forge/api` uses it: web trigger URLs only.
 * URLs are stable per trigger key, as on Forge, and answer at the local host's `/x1/<id>`.
 */
export class StargateService implements PlatformService {
  private readonly urlIds = new Map<string, string>();

  constructor(
    private readonly webtriggerKeys: () => string[],
    private readonly baseUrl: () => string,
  ) {}

  async handle(request: PlatformRequest): Promise<Response> {
    if (request.path !== '/graphql') {
      return jsonResponse(404, { message: `The emulated gateway has no route ${request.path}` });
    }
    const body = graphqlSchema.parse(JSON.parse(request.body ?? '{}'));
    if (body.query.includes('createWebTriggerUrl')) {
      const { input } = createUrlInput.parse(body.variables);
      if (!this.webtriggerKeys().includes(input.triggerKey)) {
        return jsonResponse(200, { errors: [{ message: `No webtrigger "${input.triggerKey}" in manifest.yml` }] });
      }
      return jsonResponse(200, { data: { createWebTriggerUrl: { url: this.urlFor(input.triggerKey) } } });
    }
    if (body.query.includes('webTriggerUrlsByAppContext')) {
      const urls = [...this.urlIds.keys()].map((triggerKey) => ({ triggerKey, url: this.urlFor(triggerKey) }));
      return jsonResponse(200, { data: { webTriggerUrlsByAppContext: urls } });
    }
    return jsonResponse(200, { errors: [{ message: 'The emulated gateway answers web trigger URL queries only' }] });
  }

  urlFor(triggerKey: string): string {
    let id = this.urlIds.get(triggerKey);
    if (!id) {
      id = randomBytes(12).toString('hex');
      this.urlIds.set(triggerKey, id);
    }
    return `${this.baseUrl()}/x1/${id}`;
  }

  /** The trigger key a `/x1/<id>` URL belongs to. */
  triggerKeyFor(id: string): string | undefined {
    for (const [key, value] of this.urlIds) if (value === id) return key;
    return undefined;
  }
}
