/** The corpus accuracy gate (`npm run test:nlu`): trains on the training part, measures the held-back part. */
const base = require('./jest.config');

module.exports = { ...base, testPathIgnorePatterns: ['/test/browser/'], testMatch: ['**/test/nlu/corpus-accuracy.test.ts'] };
