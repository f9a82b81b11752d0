// Copies the JSON assets the bot reads at run time (card templates, locale files, troubleshooting
// trees) next to the compiled JavaScript, so `node dist/index.js` needs nothing from src/.
// Plain JavaScript: the build must not need tsx.
const { cpSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const from = path.join(root, 'src');
const to = path.join(root, process.argv[2] ?? 'dist');

function copyJson(dir) {
  for (const name of readdirSync(dir)) {
    const source = path.join(dir, name);
    if (statSync(source).isDirectory()) copyJson(source);
    else if (name.endsWith('.json')) cpSync(source, path.join(to, path.relative(from, source)));
  }
}

copyJson(from);
