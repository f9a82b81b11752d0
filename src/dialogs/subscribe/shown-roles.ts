import type { CalendarRole, CalendarSummary } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import { roleShownByGraph, visibleDetail } from '../../subscriptions/sharee-level';
import type { SubscriptionFeatureDeps } from '../calendars/feature-deps';
import type { Caller } from '../caller';

const day = 24 * 3600_000;
/** The week behind and the two ahead: short enough to read quickly, long enough to hold a few events in most calendars. */
const lookBehindMs = 7 * day;
const lookAheadMs = 14 * day;
/** Outlook serves at most 4 concurrent requests per app and mailbox; every read here hits the owner's. */
const concurrentReads = 4;

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
 * The role the caller demonstrably has on each of an owner's calendars. Graph does not tell a sharee their
 * role, so each calendar whose flags do not settle it costs one short calendarView read, and the level is
 * read off what Exchange left in the events. A calendar without events in the window, or whose read failed
 * for another reason, has no role: its level is unknown, and the caller says only "can view".
 */
export async function readShownRoles(
  deps: Pick<SubscriptionFeatureDeps, 'gateway' | 'clock' | 'logger'>,
  caller: Caller,
  ownerAddress: string,
  calendars: CalendarSummary[],
): Promise<ShownRoles> {
  const roles = new Map<string, CalendarRole>();
  const refused = new Set<string>();
  const toRead: CalendarSummary[] = [];
  for (const calendar of calendars) {
    const byFlags = roleShownByGraph(calendar, undefined);
    if (byFlags) roles.set(calendar.id, byFlags);
    else toRead.push(calendar);
  }
  const now = deps.clock.now().getTime();
  const window = { start: new Date(now - lookBehindMs), end: new Date(now + lookAheadMs), timeZone: 'UTC' };
  // The gateway has no batched calendarView; a few calendars at a time keeps within Outlook's concurrency limit.
  for (let first = 0; first < toRead.length; first += concurrentReads) {
    await Promise.all(
      toRead.slice(first, first + concurrentReads).map(async (calendar) => {
        try {
          const events = await deps.gateway.readAgenda(caller, { ownerAddress, calendarId: calendar.id, ...window });
          const role = roleShownByGraph(calendar, visibleDetail(events));
          if (role) roles.set(calendar.id, role);
        } catch (error) {
          if (isGraphError(error) && error.reason === 'forbidden') {
            refused.add(calendar.id);
            return;
          }
          // The level is a nicety on the card: an unreadable calendar just shows "can view".
          deps.logger?.warn({ err: error, calendarId: calendar.id }, 'could not read a shared calendar to tell its level');
        }
      }),
    );
  }
  return { roles, refused };
}
