// Preloaded with `node --require` by the production build test: when the process exits, writes every
// module file it loaded to the path in LOADED_MODULES_FILE, one a line.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  writeFileSync(process.env.LOADED_MODULES_FILE, Object.keys(require.cache).join('\n'));
});
