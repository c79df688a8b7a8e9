import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import * as z from 'zod/mini';

/**
 * Loads one design-token theme as a stylesheet from this resource's build folder
 * (written by scripts/build-ui.mjs). A <link> to our own origin passes Forge's default CSP,
 * where the <style> tags setGlobalTheme injects by default would need 'unsafe-inline'.
 */
function linkThemeCss(themeId: string): Promise<void> {
  if (document.querySelector(`link[data-theme-css="${themeId}"]`)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `./themes/${themeId}.css`;
    link.dataset['themeCss'] = themeId;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`The "${themeId}" design-token theme did not load`));
    document.head.appendChild(link);
  });
}

// Only the colour mode is taken from the host: the theme ids it names belong to its own (possibly
// newer or older) @atlaskit/tokens, while the CSS files here come from ours.
const hostTheme = z.object({ colorMode: z.enum(['light', 'dark', 'auto']) });

/** Applies the theme the host page sent (light when theming is off or unreadable), as Jira's own pages do. */
export async function applyHostTheme(theme: unknown): Promise<void> {
  const parsed = hostTheme.safeParse(theme);
  await setGlobalTheme({ colorMode: parsed.success ? parsed.data.colorMode : 'light' }, linkThemeCss);
}
