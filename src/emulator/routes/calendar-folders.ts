import { randomUUID } from 'node:crypto';
import { mailboxUser, resolveCalendar } from '../calendar-access';
import { accessDenied, GraphApiError, invalidRequest, json, noContent, objectBody } from '../graph-http';
import type { Route, RouteContext } from '../router';
import { exchangeId, type StoredCalendar } from '../state';
import { calendarJson } from './calendars';

/** POST /users/{id}/calendars: a new calendar in the caller's own mailbox; names are unique per mailbox. */
function createCalendar(context: RouteContext) {
  const { params, caller, store } = context;
  const mailbox = mailboxUser(store, params.user);
  if (mailbox.id !== caller.id) throw accessDenied();
  const body = objectBody(context.request);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '' || name.length > 255) throw invalidRequest('The calendar name cannot be empty.');
  const taken = store.state.calendars.some((calendar) => calendar.ownerId === mailbox.id && calendar.name.toLowerCase() === name.toLowerCase());
  if (taken) throw new GraphApiError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
  const calendar: StoredCalendar = {
    id: exchangeId('calendar', randomUUID()),
    ownerId: mailbox.id,
    name,
    color: 'auto',
    isDefault: false,
    changeKey: Buffer.from(store.clock.now().toISOString()).toString('base64'),
  };
  store.change((state) => state.calendars.push(calendar));
  return json(201, calendarJson(resolveCalendar(store, caller, mailbox, calendar.id)));
}

/** DELETE /users/{id}/calendars/{id}: only the owner, never the primary calendar; its events go with it. */
function deleteCalendar(context: RouteContext) {
  const { params, caller, store } = context;
  const mailbox = mailboxUser(store, params.user);
  const target = resolveCalendar(store, caller, mailbox, params.calendar);
  if (target.level !== 'owner') throw accessDenied();
  if (target.calendar.isDefault) throw new GraphApiError(400, 'ErrorCannotDeleteObject', 'The primary calendar cannot be deleted.');
  store.change((state) => {
    state.calendars = state.calendars.filter((calendar) => calendar.id !== target.calendar.id);
    state.events = state.events.filter((event) => event.calendarId !== target.calendar.id);
    state.permissions = state.permissions.filter((permission) => permission.calendarId !== target.calendar.id);
  });
  return noContent();
}

export const calendarFolderRoutes: Route[] = [
  { method: 'POST', pattern: '/users/:user/calendars', handler: createCalendar },
  { method: 'DELETE', pattern: '/users/:user/calendars/:calendar', handler: deleteCalendar },
];
