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

/** The role a detail level proves, and no more: titles and places are limitedRead, full details read. */
const roleShowing: Record<VisibleDetail, CalendarRole> = { freeBusy: 'freeBusyRead', titles: 'limitedRead', details: 'read' };

/**
 * The role a sharee demonstrably has, from what Graph returned: the calendar's flags (edit, private
 * items) first, else the detail of its events. Undefined when neither tells (no event to judge by):
 * never more than Graph showed.
 */
export function roleShownByGraph(
  calendar: Pick<CalendarSummary, 'canEdit' | 'canViewPrivateItems'>,
  detail: VisibleDetail | undefined,
): CalendarRole | undefined {
  if (calendar.canEdit) return calendar.canViewPrivateItems ? 'delegateWithPrivateEventAccess' : 'write';
  return detail && roleShowing[detail];
}

/** The level of what a role lets a sharee see, to compare a recorded role with the one Graph shows. */
const visibleRank: Record<CalendarRole, number> = {
  none: 0,
  custom: 0,
  freeBusyRead: 1,
  limitedRead: 2,
  read: 3,
  write: 4,
  delegateWithoutPrivateEventAccess: 4,
  delegateWithPrivateEventAccess: 5,
};

/**
 * The role to show and keep for a calendar: the recorded one while Graph agrees with it (it is more
 * precise: "delegate" looks like "can edit" from outside), else what Graph shows now (the owner changed
 * the share in Outlook), else the recorded one when Graph cannot tell.
 */
export function currentRole(recorded: CalendarRole | undefined, shown: CalendarRole | undefined): CalendarRole | undefined {
  if (shown === undefined) return recorded;
  if (recorded !== undefined && visibleRank[recorded] !== 0 && visibleRank[recorded] === visibleRank[shown]) return recorded;
  return shown;
}
