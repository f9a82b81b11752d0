import type { Locale } from '../../i18n';
import type { LocalDate } from '../calendars/time-zone';
import { formatDate, intlTag } from '../../i18n/dates';


/** "Tue 24 Nov" / "mar. 24 nov." */
export function shortDay(locale: Locale, day: LocalDate): string {
  return formatDate(locale, new Date(`${day}T12:00:00Z`), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "Tuesday 24 November, 10:00 – 10:30" in the zone given. */
export function slotLabel(locale: Locale, start: Date, end: Date, zone: string): string {
  const day = formatDate(locale, start, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone });
  const time = new Intl.DateTimeFormat(intlTag(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
  const text = `${day}, ${time.format(start)} – ${time.format(end)}`;
  return locale === 'fr' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** "24 Nov – 29 Nov" or one day. */
export function dayRange(locale: Locale, first: LocalDate, last: LocalDate): string {
  return first === last ? shortDay(locale, first) : `${shortDay(locale, first)} – ${shortDay(locale, last)}`;
}
