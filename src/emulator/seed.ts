import type { Clock } from '../clock';
import { hasMailbox, type DemoOrg, type DirectoryUser, type OrgEvent } from './org-schema';
import { myOrganizationPermissionId, permissionIdFor } from './sharing-rules';
import { exchangeId, type CalendarListEntry, type EmulatorState, type StoredCalendar, type StoredEvent, type StoredPermission } from './state';
import { localParts, parseInZone, resolveTimeZone } from './time-zone';

export const primaryCalendarName = 'Calendar';

/** Builds the initial mailboxes of the demo organisation, with events placed around the clock's week. */
export function seedState(org: DemoOrg, clock: Clock): EmulatorState {
  const now = clock.now();
  const inside = org.users.filter(hasMailbox).flatMap((user) => calendarsOf(user));
  const calendars = [...inside, ...org.outsideMailboxes.flatMap((user) => calendarsOf(user))];
  // "My Organization" is this tenant's: an outside mailbox's calendars only open through explicit shares.
  const permissions: StoredPermission[] = inside
    .filter((calendar) => calendar.isDefault)
    .map((calendar) => ({ id: myOrganizationPermissionId, calendarId: calendar.id, address: null, name: 'My Organization', role: 'freeBusyRead' }));

  for (const share of org.shares) {
    const calendar = findCalendar(org, calendars, share.owner, share.calendar);
    permissions.push({
      id: permissionIdFor(share.recipient),
      calendarId: calendar.id,
      address: share.recipient,
      name: displayNameOf(org, share.recipient),
      role: share.role,
    });
  }

  const calendarList: CalendarListEntry[] = org.shares
    .filter((share) => share.accepted)
    .map((share) => {
      const owner = ownerOf(org, share.owner);
      const sharee = ownerOf(org, share.recipient);
      const calendar = findCalendar(org, calendars, share.owner, share.calendar);
      // Named like Outlook names an accepted share (see control.addToCalendarList).
      const name = calendar.isDefault ? owner.displayName : `${owner.displayName} - ${calendar.name}`;
      return { id: exchangeId('calendar-list', `${sharee.id}:${calendar.id}`), userId: sharee.id, ownerId: owner.id, calendarId: calendar.id, name, color: 'auto' };
    });

  const events = org.events.map((event, index) => seedEvent(org, calendars, event, index, now));
  return {
    version: 1,
    seededAt: now.toISOString(),
    policy: { defaultExternal: org.sharingPolicy.defaultExternal, domains: { ...org.sharingPolicy.domains } },
    unsharedCalendarList: 'accessDenied',
    calendars,
    permissions,
    events,
    calendarList,
    mail: [],
    sequence: 1,
  };
}

function calendarsOf(user: DirectoryUser): StoredCalendar[] {
  const primary: StoredCalendar = {
    id: exchangeId('calendar', `${user.id}:primary`),
    ownerId: user.id,
    name: primaryCalendarName,
    color: 'auto',
    isDefault: true,
    changeKey: 'AAAAAA==',
  };
  return [
    primary,
    ...user.calendars.map((calendar, index) => ({
      id: exchangeId('calendar', `${user.id}:${index + 1}`),
      ownerId: user.id,
      name: calendar.name,
      color: calendar.color,
      isDefault: false,
      changeKey: 'AAAAAA==',
    })),
  ];
}

function ownerOf(org: DemoOrg, address: string): DirectoryUser {
  const user = [...org.users, ...org.outsideMailboxes].find((candidate) => candidate.mail === address);
  if (!user) throw new Error(`Demo organisation: ${address} is not a user of the directory nor an outside mailbox`);
  return user;
}

function findCalendar(org: DemoOrg, calendars: StoredCalendar[], ownerAddress: string, name: string): StoredCalendar {
  const owner = ownerOf(org, ownerAddress);
  const calendar = calendars.find((candidate) => candidate.ownerId === owner.id && candidate.name === name);
  if (!calendar) throw new Error(`Demo organisation: ${ownerAddress} has no calendar named "${name}"`);
  return calendar;
}

/** The name Exchange shows for an address: the directory's, an external contact's, or the address. */
export function displayNameOf(org: DemoOrg, address: string): string {
  const lower = address.toLowerCase();
  const user = org.users.find((candidate) => candidate.mail === lower || candidate.userPrincipalName.toLowerCase() === lower);
  if (user) return user.displayName;
  const outside = org.outsideMailboxes.find((candidate) => candidate.mail === lower);
  if (outside) return outside.displayName;
  return org.externalPeople.find((person) => person.address === lower)?.name ?? address;
}

/** Midnight of Monday of the current week in the zone, as a local "YYYY-MM-DD" shifted by `days`. */
function localDate(now: Date, zone: string, days: number): string {
  const today = localParts(now, zone);
  const sinceMonday = (today.weekday + 6) % 7;
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day - sinceMonday + days));
  return date.toISOString().slice(0, 10);
}

function seedEvent(org: DemoOrg, calendars: StoredCalendar[], event: OrgEvent, index: number, now: Date): StoredEvent {
  const owner = ownerOf(org, event.owner);
  const zone = resolveTimeZone(owner.timeZone) ?? 'UTC';
  const calendar = findCalendar(org, calendars, event.owner, event.calendar);
  const startLocal = event.allDay ? `${localDate(now, zone, event.day)}T00:00` : `${localDate(now, zone, event.day)}T${event.start}`;
  const endLocal = event.allDay
    ? `${localDate(now, zone, event.day + event.days)}T00:00`
    : `${localDate(now, zone, event.day)}T${event.end}`;
  const start = parseInZone(startLocal, zone);
  const end = parseInZone(endLocal, zone);
  if (!start || !end || end <= start) throw new Error(`Demo organisation: event "${event.subject}" has an invalid time range`);
  const organizer = event.organizer ?? owner.mail;
  return {
    id: exchangeId('event', String(index)),
    calendarId: calendar.id,
    subject: event.subject,
    body: event.body,
    start: start.toISOString(),
    end: end.toISOString(),
    originalTimeZone: zone,
    isAllDay: event.allDay,
    showAs: event.showAs,
    sensitivity: event.sensitivity,
    location: event.location ?? null,
    categories: event.categories,
    organizer: { name: displayNameOf(org, organizer), address: organizer },
    attendees: event.attendees.map((address) => ({ name: displayNameOf(org, address), address })),
    isOnlineMeeting: event.isOnlineMeeting,
    createdDateTime: new Date(now.getTime() - 7 * 24 * 3600_000).toISOString(),
  };
}
