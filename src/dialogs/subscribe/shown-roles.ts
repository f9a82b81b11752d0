import type { Clock } from '../../clock';
import type { AgendaEvent, CalendarRole, CalendarSummary, Outcome } from '../../graph/calendar-gateway';
import type { CalendarReadOf } from '../../graph/calendar-reads';
import { isGraphError } from '../../graph/graph-error';
import { roleShownByGraph, visibleDetail } from '../../subscriptions/sharee-level';
import type { SubscriptionFeatureDeps } from '../calendars/feature-deps';
import type { Caller } from '../caller';

const day = 24 * 3600_000;
/** The week behind and the two ahead: short enough to read quickly, long enough to hold a few events in most calendars. */
const lookBehindMs = 7 * day;
const lookAheadMs = 14 * day;

type ShownRoleDeps = Pick<SubscriptionFeatureDeps, 'gateway' | 'clock' | 'logger'>;

/** The owner's primary calendar (its id) and its events: what tells its level. */
export interface PrimaryCalendarRead {
  primaryCalendar: Outcome<CalendarSummary>;
  primaryEvents: Outcome<AgendaEvent[]>;
}

/** An owner's calendars shared with the caller, and their primary calendar's events. */
export interface OwnerCalendars extends PrimaryCalendarRead {
  calendars: Outcome<CalendarSummary[]>;
}

function levelWindow(clock: Clock): { start: Date; end: Date; timeZone: string } {
  const now = clock.now().getTime();
  return { start: new Date(now - lookBehindMs), end: new Date(now + lookAheadMs), timeZone: 'UTC' };
}

/**
 * The reads of an owner's calendars for `readTogether`: the list shared with the caller and, without
 * waiting for it, the primary calendar's events (most people share only that one), so the list and its
 * level cost one round trip together.
 */
export function ownerCalendarReads(
  clock: Clock,
  ownerAddress: string,
): { calendars: CalendarReadOf<'calendarsSharedBy'>; primaryCalendar: CalendarReadOf<'primaryCalendar'>; primaryEvents: CalendarReadOf<'agenda'> } {
  return {
    calendars: { read: 'calendarsSharedBy', ownerAddress },
    primaryCalendar: { read: 'primaryCalendar', ownerAddress },
    primaryEvents: { read: 'agenda', ownerAddress, ...levelWindow(clock) },
  };
}

/** The owner's calendars and their primary calendar's events, in one round trip. */
export async function readOwnerCalendars(deps: ShownRoleDeps, caller: Caller, ownerAddress: string): Promise<OwnerCalendars> {
  const { calendars, primaryCalendar, primaryEvents } = await deps.gateway.readTogether(caller, ownerCalendarReads(deps.clock, ownerAddress));
  return { calendars, primaryCalendar, primaryEvents };
}

/** The calendars the caller may open. Exchange answers "access denied" when there are none. */
export function sharedOrNone(calendars: Outcome<CalendarSummary[]>): CalendarSummary[] {
  if (calendars.ok) return calendars.value;
  if (isGraphError(calendars.error) && calendars.error.reason === 'forbidden') return [];
  throw calendars.error;
}

export interface ShownRoles {
  /** The role each calendar's events show, by calendar id; absent when unknown ("can view"). */
  roles: Map<string, CalendarRole>;
  /**
   * Calendars listed but refused when read (403): some tenants list the owner's default calendar to
   * anyone, shared or not. They are not shared with the caller.
   */
  refused: Set<string>;
}

/**
 * The role the caller demonstrably has on each of an owner's calendars, keyed by calendar id. Graph does
 * not tell a sharee their role, so the level of each calendar whose flags do not settle it is read off what
 * Exchange left in a short calendarView: the primary calendar's came with the list (`primary`), the
 * others are read in one round trip. A calendar without events in the window, or whose read failed, is
 * left out: its level is unknown, and the caller says only "can view".
 */
export async function readShownRoles(
  deps: ShownRoleDeps,
  caller: Caller,
  ownerAddress: string,
  calendars: CalendarSummary[],
  primary?: PrimaryCalendarRead,
): Promise<ShownRoles> {
  const roles = new Map<string, CalendarRole>();
  const refused = new Set<string>();
  const toRead: CalendarSummary[] = [];
  const settle = (calendar: CalendarSummary, events: Outcome<AgendaEvent[]>) => {
    if (!events.ok) {
      if (isGraphError(events.error) && events.error.reason === 'forbidden') {
        refused.add(calendar.id);
        return;
      }
      // The level is a nicety on the card: an unreadable calendar just shows "can view".
      deps.logger?.warn({ err: events.error, calendarId: calendar.id }, 'could not read a shared calendar to tell its level');
      return;
    }
    const role = roleShownByGraph(calendar, visibleDetail(events.value));
    if (role) roles.set(calendar.id, role);
  };
  for (const calendar of calendars) {
    const byFlags = roleShownByGraph(calendar, undefined);
    if (byFlags) roles.set(calendar.id, byFlags);
    else if (primary?.primaryCalendar.ok && primary.primaryCalendar.value.id === calendar.id) settle(calendar, primary.primaryEvents);
    else toRead.push(calendar);
  }
  if (toRead.length === 0) return { roles, refused };
  const window = levelWindow(deps.clock);
  const reads: Record<string, CalendarReadOf<'agenda'>> = Object.fromEntries(toRead.map((calendar) => [calendar.id, { read: 'agenda', ownerAddress, calendarId: calendar.id, ...window }]));
  const outcomes = await deps.gateway.readTogether(caller, reads);
  for (const calendar of toRead) settle(calendar, outcomes[calendar.id]);
  return { roles, refused };
}
