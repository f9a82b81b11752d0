import type { AgendaEvent, CalendarPermission, CalendarSummary, Outcome, Person } from './calendar-gateway';

/**
 * One read of the calendar port, named in domain terms, for `readTogether`: reads of one user action
 * that do not depend on each other's answers travel in one round trip.
 */
export type CalendarRead =
  /** A typed address as a person (as `resolvePerson`). */
  | { read: 'person'; address: string }
  /** The calendars in the caller's Outlook list (as `listMyCalendars`). */
  | { read: 'myCalendars' }
  /** An owner's calendars shared with the caller (as `listCalendarsSharedBy`). */
  | { read: 'calendarsSharedBy'; ownerAddress: string }
  /** A mailbox's primary calendar: the owner's, or the caller's without an owner. */
  | { read: 'primaryCalendar'; ownerAddress?: string }
  /** Events of a calendar in a window (as `readAgenda`). */
  | { read: 'agenda'; ownerAddress?: string; calendarId?: string; start: Date; end: Date; timeZone: string }
  /** Who can see one of the caller's calendars (as `listPermissions`). */
  | { read: 'permissions'; calendarId: string };

/** One kind of read, e.g. `CalendarReadOf<'agenda'>`. */
export type CalendarReadOf<K extends CalendarRead['read']> = Extract<CalendarRead, { read: K }>;

interface CalendarReadResults {
  person: Person;
  myCalendars: CalendarSummary[];
  calendarsSharedBy: CalendarSummary[];
  primaryCalendar: CalendarSummary;
  agenda: AgendaEvent[];
  permissions: CalendarPermission[];
}

/** What each named read of a `readTogether` call gave: its value, or why it failed (the others still stand). */
export type CalendarReadOutcomes<Q extends Record<string, CalendarRead>> = { [K in keyof Q]: Outcome<CalendarReadResults[Q[K]['read']]> };
