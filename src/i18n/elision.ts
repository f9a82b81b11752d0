/**
 * French elision in front of an interpolated value: "de" + "Adele" is "d'Adele", "que" + "Hugo" is
 * "qu'Hugo". Locale strings write `{{owner, de}}` / `{{name, que}}` instead of "de {{owner}}", so a
 * name, a calendar or an app is always joined the French way, whatever its first letter.
 */

/** The words that drop their vowel before a vowel or a silent h, and their elided form. */
export const elidingWords = { de: "d'", que: "qu'", le: "l'", la: "l'", je: "j'", ne: "n'" } as const;
export type ElidingWord = keyof typeof elidingWords;

/**
 * A value starts with a vowel sound when its first letter is a vowel or an h (names such as Hugo,
 * Hélène, Isaiah are read with a silent h). Digits and symbols do not elide ("de 11 minutes").
 */
export function startsWithVowelSound(value: string): boolean {
  const first = value.trimStart().normalize('NFD').charAt(0).toLowerCase();
  return /[aeiouyh]/.test(first) && !/^y[aeiou]/i.test(value.trimStart().normalize('NFD'));
}

/** "de Megan", "d'Adele", "d'Hélène". The word keeps its capital when it had one ("D'Adele"). */
export function elide(word: string, value: unknown): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const lower = word.toLowerCase() as ElidingWord;
  const elided = elidingWords[lower];
  if (!elided || !startsWithVowelSound(text)) return `${word} ${text}`;
  const joined = `${elided}${text.trimStart()}`;
  return word.charAt(0) === word.charAt(0).toUpperCase() ? joined.charAt(0).toUpperCase() + joined.slice(1) : joined;
}
