import type { Platform } from '../../emulator/platform';
import type { FrameTokens } from '../frame-tokens';
import type { Session } from '../session';

/** What a page renderer needs: the platform, who is looking, and the token minter for its frames. */
export interface PageContext {
  readonly platform: Platform;
  readonly session: Session;
  readonly tokens: FrameTokens;
  readonly url: URL;
  /** Where this page's iframes load from (see frame-origin.ts); '' for the page's own origin. */
  readonly frameOrigin: string;
}

export interface RenderedPage {
  readonly status: number;
  readonly html: string;
}
