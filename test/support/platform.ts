import path from 'node:path';
import { Platform, type PlatformOptions } from '../../dev/emulator/platform';

let current: Platform | undefined;

/** The emulated Forge platform of this test file: in-memory storage, loopback egress allowed. */
export function testPlatform(): Platform {
  if (!current) current = createTestPlatform();
  return current;
}

export function createTestPlatform(overrides: Partial<PlatformOptions> = {}): Platform {
  return new Platform({ appRoot: path.resolve(__dirname, '../..'), localMode: true, ...overrides });
}
