import { loadResources, locales, translatorFor } from '../../src/i18n';

/** Every key path of a nested resource object, e.g. `common:help.title`. */
function keyPaths(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe('locale files', () => {
  const resources = loadResources();

  it('have the same namespaces in every language', () => {
    const namespaces = locales.map((lang) => Object.keys(resources[lang]).sort());
    expect(namespaces[1]).toEqual(namespaces[0]);
  });

  it.each(Object.keys(loadResources().en))('namespace %s has every key in both languages', (namespace) => {
    const [en, fr] = locales.map((lang) => keyPaths(resources[lang][namespace], '').sort());
    expect({ missingInFrench: en.filter((k) => !fr.includes(k)), missingInEnglish: fr.filter((k) => !en.includes(k)) }).toEqual({
      missingInFrench: [],
      missingInEnglish: [],
    });
  });

  it('have no empty strings', () => {
    const empty = locales.flatMap((lang) =>
      Object.values(resources[lang]).flatMap((tree) =>
        keyPaths(tree, '').filter((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) === ''),
      ).map((key) => `${lang}:${key}`),
    );
    expect(empty).toEqual([]);
  });

  it('translate with interpolation in each language', () => {
    expect(translatorFor('en')('welcome.title', { name: 'Megan' })).toBe('Hi Megan, I am your Calendar Sharing Assistant');
    expect(translatorFor('fr')('welcome.title', { name: 'Megan' })).toContain('Bonjour Megan');
  });
});
