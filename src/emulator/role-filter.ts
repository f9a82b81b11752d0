import { roleRank, type CalendarRole } from './sharing-rules';

/**
 * What a reader of a calendar may see, as pure functions. `owner` is the mailbox owner; the rest are
 * the calendarPermission roles.
 */
export type AccessLevel = CalendarRole | 'owner';

export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';

const timesOnly = ['id', 'start', 'end', 'showAs', 'isAllDay'];
const limitedDetails = [...timesOnly, 'subject', 'location', 'locations'];
const privateMask = [...timesOnly, 'sensitivity'];

function seesPrivateItems(level: AccessLevel): boolean {
  return level === 'owner' || level === 'delegateWithPrivateEventAccess';
}

/** Whether this level can read the calendar's items at all. */
export function canReadItems(level: AccessLevel): boolean {
  return level === 'owner' || roleRank(level) >= roleRank('freeBusyRead');
}

export function canEditItems(level: AccessLevel): boolean {
  return level === 'owner' || roleRank(level) >= roleRank('write');
}

export function canViewPrivateItems(level: AccessLevel): boolean {
  return seesPrivateItems(level);
}

/**
 * The event properties a reader sees: free/busy shows times and status, limited read adds subject and
 * location, read and above show everything of non-private events; private events keep only times,
 * status and sensitivity below delegateWithPrivateEventAccess.
 */
export function visibleEventProperties(level: AccessLevel, sensitivity: Sensitivity): 'all' | string[] {
  if (level === 'owner' || level === 'delegateWithPrivateEventAccess') return 'all';
  const rank = roleRank(level);
  if (rank <= roleRank('freeBusyRead')) return timesOnly;
  if (sensitivity === 'private') return privateMask;
  if (rank === roleRank('limitedRead')) return limitedDetails;
  return 'all';
}

/** Projects a full Graph event onto what the reader may see. */
export function filterEvent(event: Record<string, unknown>, level: AccessLevel, sensitivity: Sensitivity): Record<string, unknown> {
  const visible = visibleEventProperties(level, sensitivity);
  if (visible === 'all') return event;
  return Object.fromEntries(Object.entries(event).filter(([key]) => visible.includes(key) || key.startsWith('@odata.')));
}

/** getSchedule detail: subject and location from limitedRead up, never for someone else's private items. */
export function scheduleShowsDetails(level: AccessLevel, sensitivity: Sensitivity): boolean {
  if (level === 'owner' || level === 'delegateWithPrivateEventAccess') return true;
  return sensitivity !== 'private' && roleRank(level) >= roleRank('limitedRead');
}
