import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Platform } from '../emulator/platform';
import { EgressBridge, configurableEgressEnabled, egressOperation } from './egress-bridge';
import type { FrameGrant, FrameTokens } from './frame-tokens';
import { HttpError, readBody, sendJson } from './http';
import { isJiraAdmin } from './session';

const tokenOnly = z.object({ token: z.string() });
const invokeBody = z.object({
  token: z.string(),
  functionKey: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).optional(),
});
const egressBody = z.object({ token: z.string(), operation: egressOperation, payload: z.unknown() });

// Forge caps a resolver call's payload at a few MB; anything near this is a bug in the page.
const BODY_LIMIT = 5 * 1024 * 1024;

/** What reaches the browser from a failed call: the message only, never a stack. */
function messageOf(error: unknown): string {
  if (error instanceof z.ZodError) return `The bridge call was malformed: ${z.prettifyError(error)}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The server half of the bridge: the host page forwards `invoke`, `getContext` and
 * `permissions.egress.*` here with its frame token. Whose call it is comes from the token.
 */
export class BridgeApi {
  private readonly egress: EgressBridge;

  constructor(
    private readonly platform: Platform,
    private readonly tokens: FrameTokens,
    onEgressChange: () => void,
  ) {
    this.egress = new EgressBridge(platform.egressConsent, onEgressChange, configurableEgressEnabled(platform.manifest.permissions.external));
  }

  async handle(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'Bridge calls are POST requests');
    const body: unknown = JSON.parse((await readBody(req, BODY_LIMIT)).toString('utf8') || '{}');
    const grant = this.tokens.verify(tokenOnly.parse(body).token);
    try {
      sendJson(res, 200, { ok: true, value: await this.run(operation, grant, body) });
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) throw error;
      if (!(error instanceof HttpError || error instanceof z.ZodError)) {
        // The developer sees the whole failure in the terminal; the page gets the message only.
        console.warn(`[bridge] ${operation} for ${grant.moduleKey} failed:`, error);
      }
      sendJson(res, 200, { ok: false, error: messageOf(error) });
    }
  }

  private async run(operation: string, grant: FrameGrant, body: unknown): Promise<unknown> {
    switch (operation) {
      case 'invoke': {
        const call = invokeBody.parse(body);
        return this.platform.app.invokeResolver({
          moduleKey: grant.moduleKey,
          functionKey: call.functionKey,
          payload: call.payload ?? {},
          accountId: grant.accountId,
          extension: grant.extension,
        });
      }
      case 'context':
        return this.context(grant);
      case 'egress': {
        const call = egressBody.parse(body);
        const user = this.platform.site.user(grant.accountId);
        return this.egress.handle(call.operation, call.payload, user ? isJiraAdmin(this.platform.site, user) : false);
      }
      default:
        throw new HttpError(404, `The emulator's bridge has no operation "${operation}"`);
    }
  }

  /** `view.getContext()`: the platform's UI context plus the host's theme and the app's permissions. */
  private context(grant: FrameGrant): Record<string, unknown> {
    const { scopes, external } = this.platform.manifest.permissions;
    return {
      ...this.platform.app.uiContext(grant.moduleKey, grant.accountId, grant.extension),
      theme: { colorMode: grant.colorMode, light: 'light', dark: 'dark', spacing: 'spacing', typography: 'typography', shape: 'shape' },
      permissions: { scopes, external: external ?? {} },
    };
  }
}
