/** Only the corpus accuracy gate (`npm run test:nlu`, also part of `npm test`): per-intent table of the held-back part. */
const base = require('./jest.config');

module.exports = { ...base, testPathIgnorePatterns: ['/test/browser/'], testMatch: ['**/test/nlu/corpus-accuracy.test.ts'] };
