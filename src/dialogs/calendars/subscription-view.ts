import type { ShareeLevel } from '../../subscriptions/sharee-level';
import type { Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import type { LocalDate } from './time-zone';
import { formatDate } from '../../i18n/dates';

/** The name the user sees for a followed calendar everywhere in the bot: their alias, else the owner's name for it. */
export function displayNameOf(subscription: Pick<Subscription, 'alias' | 'calendarName'>): string {
  return subscription.alias ?? subscription.calendarName;
}

export function levelLabel(caller: Caller, level: ShareeLevel): string {
  return caller.t(`calendars:levels.${level}`);
}

const intlLocale = { en: 'en-US', fr: 'fr-FR' } as const;

/** "Monday, November 23" / "lundi 23 novembre" for a calendar day (no time zone involved). */
export function formatDay(caller: Caller, date: LocalDate, options: { withYear?: boolean } = {}): string {
  const shape: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', ...(options.withYear && { year: 'numeric' }), timeZone: 'UTC' };
  return formatDate(caller.locale, new Date(`${date}T00:00:00Z`), shape, intlLocale[caller.locale]);
}

/** "November 23, 2026" / "23 novembre 2026" for a stored instant, in the user's zone. */
export function formatInstantDate(caller: Caller, isoInstant: string, zone: string): string {
  return formatDate(caller.locale, new Date(isoInstant), { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }, intlLocale[caller.locale]);
}
