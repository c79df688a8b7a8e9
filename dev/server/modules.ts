import path from 'node:path';
import type { Platform } from '../emulator/platform';
import type { UiModuleType } from '../emulator/manifest';

export interface UiModuleInfo {
  readonly key: string;
  readonly type: UiModuleType;
  readonly title: string;
}

/** The manifest's Custom UI modules of one type, in manifest order, as Jira lists them. */
export function uiModules(platform: Platform, type: UiModuleType): UiModuleInfo[] {
  return platform.manifest.modules[type].map((m) => ({
    key: m.key,
    type,
    // A title may be an i18n object; the emulator has no translations, so the key stands in.
    title: typeof m.title === 'string' ? m.title : m.key,
  }));
}

/** The folder a module's resource points at in manifest.yml, absolute. */
export function resourceFolder(platform: Platform, appRoot: string, moduleKey: string): string | undefined {
  let resourceKey: string | undefined;
  try {
    resourceKey = platform.app.uiModule(moduleKey).resource;
  } catch {
    return undefined;
  }
  const resource = platform.manifest.resources.find((r) => r.key === resourceKey);
  return resource ? path.resolve(appRoot, resource.path) : undefined;
}
