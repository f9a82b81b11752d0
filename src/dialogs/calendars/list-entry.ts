import type { CalendarSummary } from '../../graph/calendar-gateway';
import { normalizeAddress, type Subscription } from '../../subscriptions/subscription-store';

/**
 * Finds the entry Outlook added to the sharee's own calendar list for a followed calendar. Graph links
 * that entry to the owner's calendar by nothing but its owner and name, so: the entry recorded before;
 * else the one shared entry of that owner named as Outlook names it (the owner's name for their primary
 * calendar, "Alex Wilber - Project Phoenix" for another), or by the calendar's name, or by the alias.
 * No guess beyond that: renaming the wrong entry would be worse than not renaming.
 */
export function findListEntry(
  entries: CalendarSummary[],
  subscription: Subscription,
  options: { isPrimary: boolean; followed: Subscription[] },
): CalendarSummary | undefined {
  if (subscription.listEntryId) {
    const recorded = entries.find((entry) => entry.id === subscription.listEntryId);
    if (recorded) return recorded;
  }
  const claimed = new Set(options.followed.filter((other) => other.id !== subscription.id).map((other) => other.listEntryId));
  const candidates = entries.filter(
    (entry) => !entry.canShare && !claimed.has(entry.id) && normalizeAddress(entry.owner.address) === subscription.ownerAddress,
  );
  const outlookNames = options.isPrimary ? [subscription.ownerName] : [`${subscription.ownerName} - ${subscription.calendarName}`, subscription.calendarName];
  const names = subscription.alias ? [...outlookNames, subscription.alias] : outlookNames;
  for (const name of names) {
    const byName = candidates.filter((entry) => entry.name === name);
    if (byName.length === 1) return byName[0];
  }
  return undefined;
}

/** Exchange names every primary calendar the same, in the mailbox's language. */
const primaryCalendarNames = new Set(['calendar', 'calendrier', 'kalender', 'calendario', 'calendário', 'agenda']);

/**
 * Whether a calendar is its owner's primary one, by its name: Graph does not always flag the owner's
 * default calendar as such when a sharee reads it.
 */
export function isPrimaryName(name: string): boolean {
  return primaryCalendarNames.has(name.trim().toLowerCase());
}
