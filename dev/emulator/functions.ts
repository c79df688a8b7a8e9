import path from 'node:path';
import type { Manifest, ModuleKind } from './manifest';
import { timeoutSecondsFor } from './manifest';
import type { Clock, Invocation } from './invocation';
import { newInvocation, runInInvocation } from './invocation';

/** A function exported by the app's entry point, as Forge calls it: `(event, context)`. */
export type AppHandler = (event: unknown, context: unknown) => unknown;

export type HandlerLoader = (handler: string) => AppHandler;

/** Loads `index.resolver` as the export `resolver` of `<appRoot>/src/index`, the way Forge resolves handlers. */
export function sourceHandlerLoader(appRoot: string): HandlerLoader {
  return (handler) => {
    const dot = handler.lastIndexOf('.');
    if (dot <= 0) throw new Error(`Handler "${handler}" must be "<file>.<export>"`);
    const file = path.join(appRoot, 'src', handler.slice(0, dot));
    const exportName = handler.slice(dot + 1);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod: Record<string, unknown> = require(file);
    const fn = mod[exportName];
    if (typeof fn !== 'function') throw new Error(`Handler "${handler}": ${file} exports no function "${exportName}"`);
    return fn as AppHandler;
  };
}

export class FunctionTimeoutError extends Error {
  override readonly name = 'FunctionTimeoutError';
  constructor(functionKey: string, seconds: number) {
    super(`Function "${functionKey}" timed out after ${seconds} s (Forge stops it here)`);
  }
}

export interface RunOptions {
  readonly functionKey: string;
  readonly moduleKey: string;
  readonly moduleKind: ModuleKind;
  readonly accountId?: string | undefined;
  /** Overrides Forge's limit; tests use it to make a timeout happen quickly. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Runs app functions by manifest key with Forge's timeouts. A function that outlives its timeout
 * is abandoned, as Forge kills the lambda: its invocation is marked timed out, so any platform
 * call it still makes fails instead of landing.
 */
export class FunctionRunner {
  private readonly handlers = new Map<string, AppHandler>();

  constructor(
    private readonly manifest: Manifest,
    private readonly load: HandlerLoader,
    private readonly clock: Clock,
  ) {}

  handlerFor(functionKey: string): AppHandler {
    const cached = this.handlers.get(functionKey);
    if (cached) return cached;
    const declared = this.manifest.modules.function.find((f) => f.key === functionKey);
    if (!declared) throw new Error(`manifest.yml declares no function "${functionKey}"`);
    const handler = this.load(declared.handler);
    this.handlers.set(functionKey, handler);
    return handler;
  }

  async run(options: RunOptions, event: unknown, context: unknown): Promise<unknown> {
    const handler = this.handlerFor(options.functionKey);
    const timeoutMs =
      options.timeoutMs ?? timeoutSecondsFor(this.manifest, options.functionKey, options.moduleKind) * 1000;
    const invocation: Invocation = newInvocation(
      { functionKey: options.functionKey, moduleKey: options.moduleKey, timeoutMs, accountId: options.accountId },
      this.clock,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        invocation.timedOut = true;
        reject(new FunctionTimeoutError(options.functionKey, timeoutMs / 1000));
      }, timeoutMs);
    });
    try {
      return await Promise.race([
        runInInvocation(invocation, async () => handler(event, context)),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
