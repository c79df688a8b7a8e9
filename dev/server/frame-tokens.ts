import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from './http';

const extensionRef = z.object({ key: z.string(), id: z.string(), type: z.string() });

const grantSchema = z.object({
  moduleKey: z.string(),
  accountId: z.string(),
  // Absent keys are left out rather than undefined, to match UiExtensionContext exactly.
  extension: z.union([
    z.object({ issue: extensionRef, project: extensionRef }),
    z.object({ project: extensionRef }),
    z.object({}),
  ]),
  colorMode: z.enum(['light', 'dark']),
  issuedAt: z.number(),
});

/**
 * What the host page was rendered for: the module, where it sits and the signed-in user. The iframe
 * never states any of this; the bridge endpoints read it from the token the host page holds, as
 * Forge takes a module's context from the product page, never from the app's frontend.
 */
export type FrameGrant = z.infer<typeof grantSchema>;

const TWELVE_HOURS = 12 * 60 * 60 * 1000;

/** Signed, self-contained frame tokens; the key is per process, so a restart asks pages to reload. */
export class FrameTokens {
  private readonly key = randomBytes(32);

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = TWELVE_HOURS,
  ) {}

  mint(grant: Omit<FrameGrant, 'issuedAt'>): string {
    const body = Buffer.from(JSON.stringify({ ...grant, issuedAt: this.clock() })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  verify(token: string): FrameGrant {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || !this.signatureMatches(body, signature)) {
      throw new HttpError(401, 'This page is from before the emulator restarted. Reload the page.');
    }
    const grant = grantSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (this.clock() - grant.issuedAt > this.ttlMs) throw new HttpError(401, 'This page has been open too long. Reload the page.');
    return grant;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private signatureMatches(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
