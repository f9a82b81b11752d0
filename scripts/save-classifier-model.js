// The build's last step: trains the intent classifier once and saves it next to the compiled code,
// so the production bot loads it at start-up instead of training (see src/nlu/index.ts).
// Plain JavaScript: the build must not need tsx.
const path = require('node:path');

const dist = path.resolve(__dirname, '..', process.argv[2] ?? 'dist');
require(path.join(dist, 'nlu')).saveClassifierModel().catch((error) => {
  console.error(error);
  process.exit(1);
});
