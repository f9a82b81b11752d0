import type { Locale } from './index';

/** The Intl tag each language writes dates with. */
export const intlTag = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB');

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    // Throws on a zone this runtime does not know; callers that take zones from clients catch it.
    format = new Intl.DateTimeFormat(tag, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * A date (and time) as the reader writes it. French writes the first of the month as an ordinal:
 * "mardi 1er décembre", "1er déc. 2026" (Intl writes "1 décembre"); numeric dates ("01/12") stay.
 */
export function formatDate(locale: Locale, date: Date, options: Intl.DateTimeFormatOptions, tag = intlTag(locale)): string {
  const parts = formatFor(tag, options).formatToParts(date);
  if (locale !== 'fr') return parts.map((part) => part.value).join('');
  const hasMonthName = parts.some((part) => part.type === 'month' && !/^\d+$/.test(part.value));
  return parts.map((part) => (part.type === 'day' && part.value === '1' && hasMonthName ? '1er' : part.value)).join('');
}
