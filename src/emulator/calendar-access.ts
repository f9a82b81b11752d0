import { GraphApiError, invalidUser, itemNotFound } from './graph-http';
import { hasMailbox, type DirectoryUser } from './org-schema';
import type { AccessLevel } from './role-filter';
import { roleRank, type CalendarRole } from './sharing-rules';
import type { CalendarListEntry, EmulatorState, StoredCalendar } from './state';
import type { EmulatorStore } from './state-store';

/** A calendar as one caller reaches it, with what that caller may do there. */
export interface CalendarTarget {
  /** The mailbox that owns the underlying calendar. */
  owner: DirectoryUser;
  calendar: StoredCalendar;
  level: AccessLevel;
  /** May read the folder itself (its properties, calendarView), not just free/busy. */
  canOpen: boolean;
  /** Set when the calendar was reached through the caller's own calendar list (a shared calendar they added). */
  entry?: CalendarListEntry;
}

/**
 * The user whose mailbox a /users/{key} path names (object id or userPrincipalName); Exchange answers
 * ErrorInvalidUser for anyone else, a mail address that differs from the UPN included.
 */
export function mailboxUser(store: EmulatorStore, segment: string): DirectoryUser {
  const user = store.findUserByKey(segment);
  if (!user) throw invalidUser(segment);
  // A guest is in the directory but has no mailbox in this tenant.
  if (!hasMailbox(user)) throw new GraphApiError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  return user;
}

function explicitRole(state: EmulatorState, calendar: StoredCalendar, reader: DirectoryUser): CalendarRole | undefined {
  const addresses = [reader.mail, reader.userPrincipalName.toLowerCase()];
  return state.permissions.find((permission) => permission.calendarId === calendar.id && permission.address !== null && addresses.includes(permission.address))?.role;
}

/**
 * The reader's access to a calendar. An explicit permission wins; otherwise the primary calendar's
 * "My Organization" entry applies. At its default (free/busy) that entry serves getSchedule only: it
 * does not open the folder, so reading someone's calendar needs a share or an org-wide role of at
 * least limitedRead.
 */
export function accessTo(state: EmulatorState, calendar: StoredCalendar, reader: DirectoryUser): { level: AccessLevel; canOpen: boolean } {
  if (calendar.ownerId === reader.id) return { level: 'owner', canOpen: true };
  const explicit = explicitRole(state, calendar, reader);
  if (explicit !== undefined) return { level: explicit, canOpen: roleRank(explicit) >= roleRank('freeBusyRead') };
  if (calendar.isDefault) {
    const organization = state.permissions.find((permission) => permission.calendarId === calendar.id && permission.address === null);
    if (organization) return { level: organization.role, canOpen: roleRank(organization.role) >= roleRank('limitedRead') };
  }
  return { level: 'none', canOpen: false };
}

export function primaryCalendarOf(state: EmulatorState, ownerId: string): StoredCalendar {
  const calendar = state.calendars.find((candidate) => candidate.ownerId === ownerId && candidate.isDefault);
  if (!calendar) throw itemNotFound();
  return calendar;
}

/**
 * Resolves /users/{mailbox}/calendar (no id) or /users/{mailbox}/calendars/{id} for the caller. In the
 * caller's own mailbox the id may also be a calendar-list entry pointing at someone else's calendar.
 */
export function resolveCalendar(store: EmulatorStore, caller: DirectoryUser, mailbox: DirectoryUser, calendarId?: string): CalendarTarget {
  const state = store.state;
  if (calendarId === undefined) {
    const calendar = primaryCalendarOf(state, mailbox.id);
    return { owner: mailbox, calendar, ...accessTo(state, calendar, caller) };
  }
  const own = state.calendars.find((candidate) => candidate.id === calendarId && candidate.ownerId === mailbox.id);
  if (own) return { owner: mailbox, calendar: own, ...accessTo(state, own, caller) };
  if (mailbox.id === caller.id) {
    const entry = state.calendarList.find((candidate) => candidate.id === calendarId && candidate.userId === caller.id);
    const calendar = entry && state.calendars.find((candidate) => candidate.id === entry.calendarId);
    const owner = entry && store.findMailbox(entry.ownerId);
    if (entry && calendar && owner) return { owner, calendar, entry, ...accessTo(state, calendar, caller) };
  }
  throw itemNotFound();
}
