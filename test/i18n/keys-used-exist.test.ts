import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadResources, locales } from '../../src/i18n';

const srcDir = path.resolve(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Every literal key passed to a translator: `t('share:form.title')`, `caller.t('errors.generic')`. */
function literalKeys(): Array<{ key: string; file: string }> {
  const pattern = /\bt\(\s*'([A-Za-z0-9_-]+(?::[A-Za-z0-9_.-]+)?|[A-Za-z0-9_.-]+)'/g;
  return sourceFiles(srcDir).flatMap((file) =>
    [...withoutComments(readFileSync(file, 'utf8')).matchAll(pattern)].map((match) => ({ key: match[1], file: path.relative(srcDir, file) })),
  );
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('keys the code uses', () => {
  const resources = loadResources();
  const keys = literalKeys();

  it('are found in the code (the scan works)', () => {
    expect(keys.length).toBeGreaterThan(50);
    expect(keys).toContainEqual({ key: 'errors.generic', file: path.join('bot', 'app.ts') });
  });

  it.each(locales)('all exist in %s', (lang) => {
    const missing = keys.filter(({ key }) => {
      const [namespace, path] = key.includes(':') ? key.split(':') : ['common', key];
      return typeof lookup(resources[lang][namespace], path) !== 'string' && typeof lookup(resources[lang][namespace], `${path}_one`) !== 'string';
    });
    expect(missing).toEqual([]);
  });
});
