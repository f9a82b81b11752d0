import { randomUUID } from 'node:crypto';
import { mailboxUser, primaryCalendarOf } from '../calendar-access';
import { eventJson } from '../event-json';
import { accessDenied, invalidParameter, json, objectBody } from '../graph-http';
import type { Route, RouteContext } from '../router';
import { exchangeId, type StoredEvent } from '../state';
import { parseInZone, preferredTimeZone, resolveTimeZone } from '../time-zone';

/**
 * A minimal event create for meetings booked from the free/busy view (issue 13): the organiser's primary
 * calendar only, with the attendees' copies added as tentative (what Exchange does once the invitations are
 * delivered). The full event writes live in routes/events.ts (issue 11); the two are unified at merge.
 */

const maxAttendees = 500;

function instant(value: unknown, name: string): Date {
  const time = value as { dateTime?: unknown; timeZone?: unknown } | undefined;
  const zone = resolveTimeZone(typeof time?.timeZone === 'string' ? time.timeZone : undefined);
  const parsed = typeof time?.dateTime === 'string' && zone ? parseInZone(time.dateTime, zone) : undefined;
  if (!parsed) throw invalidParameter(`The property '${name}' needs a valid dateTime and timeZone.`);
  return parsed;
}

function attendeesOf(value: unknown): Array<{ name: string; address: string }> {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > maxAttendees) throw invalidParameter("The property 'attendees' must be a list.");
  return value.map((entry) => {
    const email = (entry as { emailAddress?: { name?: unknown; address?: unknown } } | undefined)?.emailAddress;
    if (typeof email?.address !== 'string' || !email.address.includes('@')) throw invalidParameter('Each attendee needs an emailAddress.address.');
    return { name: typeof email.name === 'string' ? email.name : email.address, address: email.address.toLowerCase() };
  });
}

function createEvent({ request, params, caller, store }: RouteContext) {
  const mailbox = mailboxUser(store, params.user);
  if (mailbox.id !== caller.id) throw accessDenied();
  const body = objectBody(request);
  const subject = typeof body.subject === 'string' ? body.subject.slice(0, 255) : '';
  const start = instant(body.start, 'start');
  const end = instant(body.end, 'end');
  if (end <= start) throw invalidParameter('The end must be after the start.');
  const attendees = attendeesOf(body.attendees);
  const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
  const calendar = primaryCalendarOf(store.state, mailbox.id);
  const key = transactionId ? `${mailbox.id}:${transactionId}` : randomUUID();
  const id = exchangeId('event', key);

  // Graph ignores a repeated create with the same transactionId and answers the first event.
  const repeated = store.state.events.find((event) => event.id === id);
  const zone = preferredTimeZone(request.headers.prefer);
  if (repeated) return json(201, eventJson(repeated, mailbox, zone, 'html'));

  const base: Omit<StoredEvent, 'id' | 'calendarId' | 'showAs'> = {
    subject,
    body: typeof (body.body as { content?: unknown } | undefined)?.content === 'string' ? String((body.body as { content: string }).content) : '',
    start: start.toISOString(),
    end: end.toISOString(),
    originalTimeZone: resolveTimeZone((body.start as { timeZone?: string }).timeZone) ?? 'UTC',
    isAllDay: false,
    sensitivity: 'normal',
    location: typeof (body.location as { displayName?: unknown } | undefined)?.displayName === 'string' ? String((body.location as { displayName: string }).displayName) : null,
    categories: [],
    organizer: { name: mailbox.displayName, address: mailbox.mail },
    attendees,
    isOnlineMeeting: body.isOnlineMeeting === true,
    createdDateTime: store.clock.now().toISOString(),
  };
  const created: StoredEvent = { ...base, id, calendarId: calendar.id, showAs: 'busy' };
  store.change((state) => {
    state.events.push(created);
    for (const attendee of attendees) {
      const user = store.findUser(attendee.address);
      if (!user || user.id === mailbox.id) continue;
      state.events.push({ ...base, id: exchangeId('event', `${key}:${user.id}`), calendarId: primaryCalendarOf(state, user.id).id, showAs: 'tentative' });
    }
  });
  return json(201, eventJson(created, mailbox, zone, 'html'));
}

export const meetingCreateRoutes: Route[] = [
  { method: 'POST', pattern: '/users/:user/calendar/events', handler: createEvent },
];
