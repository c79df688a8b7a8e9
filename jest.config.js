/** Backend, emulator and provider tests. Browser tests run separately (scripts/test-browser.mjs). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // test/production runs in its own Jest, started by test/production/run.mjs (it needs NODE_EXTRA_CA_CERTS).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', '<rootDir>/test/production/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  setupFiles: ['<rootDir>/test/support/install-platform.ts'],
  testTimeout: 30000,
};
