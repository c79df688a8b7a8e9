import { useEffect, useState } from 'react';
import { view, type FullContext } from '@forge/bridge';
import { setLocale } from '../dates';
import { messageOf } from '../errors';
import { applyHostTheme } from '../theme';

export type ForgeContextState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly context: FullContext }
  | { readonly status: 'error'; readonly message: string };

/**
 * The product context of this module (who, where), with the host's theme applied first so the
 * page never flashes in the wrong colours. Theming is opt-in on Forge: `view.theme.enable()` makes
 * the host send its theme, which `applyHostTheme` turns into design-token CSS.
 */
export function useForgeContext(): ForgeContextState {
  const [state, setState] = useState<ForgeContextState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<FullContext> => {
      await view.theme.enable();
      const context = await view.getContext();
      setLocale(context.locale);
      await applyHostTheme(context.theme);
      return context;
    };
    load()
      .then((context) => {
        if (!cancelled) setState({ status: 'ready', context });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', message: messageOf(error) });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  return state;
}
