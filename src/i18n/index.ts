import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource } from 'i18next';
import { elide, elidingWords } from './elision';

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

/** Looks up a user-facing string: `t('share:title')`, or `t('title')` for the `common` namespace. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

const localesDir = path.join(__dirname, 'locales');

/** Reads every `locales/<lang>/<namespace>.json`; one file per feature keeps features apart. */
export function loadResources(dir: string = localesDir): Resource {
  return Object.fromEntries(
    locales.map((lang) => {
      const files = readdirSync(path.join(dir, lang)).filter((file) => file.endsWith('.json'));
      const namespaces = files.map((file) => [
        path.basename(file, '.json'),
        JSON.parse(readFileSync(path.join(dir, lang, file), 'utf8')) as Record<string, unknown>,
      ]);
      return [lang, Object.fromEntries(namespaces) as Record<string, Record<string, unknown>>];
    }),
  ) as Resource;
}

let instance: i18n | undefined;

function translator(): i18n {
  if (!instance) {
    const resources = loadResources();
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: 'en',
      fallbackLng: false,
      ns: Object.keys(resources.en),
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    });
    // `{{owner, de}}` writes "de Megan" or "d'Adele" (see elision.ts); format names are case-blind.
    for (const word of Object.keys(elidingWords)) instance.services.formatter?.add(word, (value) => elide(word, value));
  }
  return instance;
}

/** `fr-*` gets French; anything else English. */
export function localeOf(activityLocale: string | undefined): Locale {
  return activityLocale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const translators = new Map<Locale, Translate>();
/** Texts remembered per language; past this many the memory starts again (keys and names repeat, so it refills fast). */
const rememberedTexts = 5_000;

/**
 * One translator per language, made once: every turn asks for one. A text is a pure function of its key and
 * variables (the resources never change while running), and i18next's lookup and interpolation were a tenth of a
 * card turn's CPU: each text is worked out once and then remembered.
 */
export function translatorFor(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    const t = translator().getFixedT(locale);
    const known = new Map<string, string>();
    translate = (key, vars) => {
      const memoKey = vars === undefined ? key : `${key}\u0000${JSON.stringify(vars)}`;
      let text = known.get(memoKey);
      if (text === undefined) {
        text = t(key, vars ?? {});
        if (known.size >= rememberedTexts) known.clear();
        known.set(memoKey, text);
      }
      return text;
    };
    translators.set(locale, translate);
  }
  return translate;
}
