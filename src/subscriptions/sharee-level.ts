import type { AgendaEvent, CalendarRole, CalendarSummary } from '../graph/calendar-gateway';

/**
 * What a sharee can do with a calendar, as far as they can know it. Graph does not tell a sharee their
 * role (permission lists are for owners only): the role recorded when the share went through the bot is
 * the truth, otherwise the calendar's flags narrow it down, otherwise it is just "can view".
 */
export type ShareeLevel = CalendarRole | 'delegate' | 'viewer';

/** The level to show for a followed calendar: the recorded role, else what the calendar's flags reveal. */
export function shareeLevel(role: CalendarRole | undefined, calendar?: Pick<CalendarSummary, 'canEdit' | 'canViewPrivateItems'>): ShareeLevel {
  if (role !== undefined && role !== 'none' && role !== 'custom') return role;
  if (calendar?.canViewPrivateItems) return 'delegate';
  if (calendar?.canEdit) return 'write';
  return 'viewer';
}

/** How much of a calendar's events the sharee sees, as told by what Graph returned. */
export type VisibleDetail = 'freeBusy' | 'titles' | 'details';

/**
 * Reads the detail level off the events Graph returned (Exchange strips what the role hides): no
 * subject on any non-private event means free/busy, subjects without organizer or preview mean titles
 * and places, more means details. Undefined when there is nothing to judge by.
 */
export function visibleDetail(events: AgendaEvent[]): VisibleDetail | undefined {
  const open = events.filter((event) => !event.isPrivate);
  if (open.length === 0) return undefined;
  if (open.every((event) => event.subject === undefined)) return 'freeBusy';
  if (open.some((event) => event.organizer !== undefined || event.bodyPreview !== undefined)) return 'details';
  return 'titles';
}
