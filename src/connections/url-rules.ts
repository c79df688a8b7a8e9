import { getAppContext } from '@forge/api';
import type { UrlRules } from '../domain/connection';

/**
 * Which server URLs a connection may use, decided from the platform, never from the browser.
 * Plain HTTP and any port are allowed on loopback hosts only, and only in a DEVELOPMENT
 * environment: the local emulator reports itself as one (its demo CI servers listen on
 * http://127.0.0.1), as does `forge tunnel`. A development environment on Forge's cloud gains
 * nothing from it: Forge's egress proxy still refuses plain HTTP, other ports and loopback.
 * Staging and production keep Forge's rules: HTTPS on the ports Forge can reach.
 */
export function urlRulesFor(environmentType: string): UrlRules {
  return { allowLoopbackHttp: environmentType === 'DEVELOPMENT' };
}

export function currentUrlRules(): UrlRules {
  return urlRulesFor(getAppContext().environmentType);
}
