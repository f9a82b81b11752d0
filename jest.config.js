/** Unit, turn and HTTP tests. Type checking is done once by `npm run typecheck`, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The corpus accuracy gate runs on its own: npm run test:nlu (jest.nlu.config.js).
  testPathIgnorePatterns: ['/test/browser/', '/test/nlu/corpus-accuracy.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  testTimeout: 20000,
};
