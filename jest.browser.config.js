/** Browser tests: bot + playground driven by Debian's Chromium. Slow; run by `npm test` through test:browser. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testTimeout: 120000,
  maxWorkers: 1,
};
