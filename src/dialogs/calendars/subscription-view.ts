import type { ShareeLevel } from '../../subscriptions/sharee-level';
import type { Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import type { LocalDate } from './time-zone';

/** The name the user sees for a followed calendar everywhere in the bot: their alias, else the owner's name for it. */
export function displayNameOf(subscription: Pick<Subscription, 'alias' | 'calendarName'>): string {
  return subscription.alias ?? subscription.calendarName;
}

export function levelLabel(caller: Caller, level: ShareeLevel): string {
  return caller.t(`calendars:levels.${level}`);
}

const intlLocale = { en: 'en-US', fr: 'fr-FR' } as const;

/** Day formatters per language, with and without the year: an agenda card formats several days, and building one is costly. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Monday, November 23" / "lundi 23 novembre" for a calendar day (no time zone involved). */
export function formatDay(caller: Caller, date: LocalDate, options: { withYear?: boolean } = {}): string {
  const key = `${caller.locale}|${options.withYear ? 'y' : ''}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[caller.locale], {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(options.withYear && { year: 'numeric' }),
      timeZone: 'UTC',
    });
    dayFormats.set(key, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** "November 23, 2026" / "23 novembre 2026" for a stored instant, in the user's zone. */
export function formatInstantDate(caller: Caller, isoInstant: string, zone: string): string {
  return new Intl.DateTimeFormat(intlLocale[caller.locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(
    new Date(isoInstant),
  );
}
