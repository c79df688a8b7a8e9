import path from 'node:path';
import type { Platform, PlatformOptions } from '../../../dev/emulator/platform';
import { createTestPlatform } from '../../support/platform';

export const FIXTURE_MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');

/**
 * A new in-memory platform declaring the fixture's entities, installed as the globals the real
 * `@forge/kvs` calls. One per test keeps tests independent of each other's keys.
 */
export function freshKvsPlatform(options: Pick<PlatformOptions, 'storageFile' | 'clock' | 'kvsConflict'> = {}): Platform {
  const platform = createTestPlatform({ manifestPath: FIXTURE_MANIFEST, ...options });
  platform.install();
  return platform;
}
