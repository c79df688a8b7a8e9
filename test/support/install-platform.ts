// Jest runs this before each test file: the real @forge packages find the emulator's globals
// when they are first imported, exactly as they find the platform's on Forge.
import { testPlatform } from './platform';

testPlatform().install();
