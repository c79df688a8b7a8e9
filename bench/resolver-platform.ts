// A local emulator that serves some resolvers, for the benches that measure a page's loads.
import path from 'node:path';
import Resolver from '@forge/resolver';
import type { AppHandler } from '../dev/emulator/functions';
import { Platform } from '../dev/emulator/platform';

interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: unknown;
  fetch: typeof fetch;
}

/**
 * Runs `measure` on a fresh platform serving the resolvers `define` adds. Another bench may have
 * installed its own platform in this process: its globals are put back afterwards.
 */
export async function withResolverPlatform<T>(define: (resolver: Resolver) => void, measure: (platform: Platform) => Promise<T>): Promise<T> {
  const resolver = new Resolver();
  define(resolver);
  const handler = resolver.getDefinitions() as AppHandler;
  const platform = new Platform({ appRoot: path.resolve(__dirname, '..'), localMode: true, loadHandler: () => handler });
  const globals = globalThis as unknown as ForgeGlobals;
  const before = { runtime: globals.__forge_runtime__, forgeFetch: globals.__forge_fetch__, fetch: globals.fetch };
  platform.install();
  try {
    return await measure(platform);
  } finally {
    platform.close();
    globals.__forge_runtime__ = before.runtime;
    globals.__forge_fetch__ = before.forgeFetch;
    globals.fetch = before.fetch;
  }
}
