import { hasMailbox } from '../org-schema';
import { randomUUID } from 'node:crypto';
import { accessTo, mailboxUser, primaryCalendarOf, resolveCalendar, type CalendarTarget } from '../calendar-access';
import { findEventOrOccurrence, instancesOf, type EventInView } from '../event-occurrences';
import { readEventFields, transactionIdOf } from '../event-input';
import { changeKeyOf, eventJson, preferredBodyType } from '../event-json';
import { accessDenied, GraphApiError, invalidParameter, itemNotFound, json, noContent, objectBody, type GraphRequest } from '../graph-http';
import { applySelect, outlookAlwaysReturns, page, queryOption } from '../odata';
import { canEditItems, filterEvent } from '../role-filter';
import { calendarPatterns, routesFor, type Route, type RouteContext } from '../router';
import { exchangeId, type StoredEvent } from '../state';
import { parseInZone, preferredTimeZone, timeZoneApplied } from '../time-zone';

/** The calendar a collection path names: `/users/{id}/events` is the primary calendar's. */
function collectionTarget({ params, caller, store }: RouteContext): CalendarTarget {
  return resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar);
}

/** An event path: in a named calendar, or anywhere in the mailbox the caller may open. */
function findEvent(context: RouteContext): { view: EventInView; target: CalendarTarget } {
  const { params, caller, store } = context;
  const mailbox = mailboxUser(store, params.user);
  const targets: CalendarTarget[] = params.calendar !== undefined || context.request.path.includes('/calendar/')
    ? [collectionTarget(context)]
    : store.state.calendars.filter((calendar) => calendar.ownerId === mailbox.id).map((calendar) => ({ owner: mailbox, calendar, ...accessTo(store.state, calendar, caller) }));
  const open = targets.filter((target) => target.canOpen);
  const view = findEventOrOccurrence(store.state, params.event, open.map((target) => target.calendar.id));
  const target = view && open.find((candidate) => candidate.calendar.id === view.event.calendarId);
  if (!view || !target) throw itemNotFound();
  return { view, target };
}

const propertyFilter = /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*\1\/id\s+eq\s+'((?:[^']|'')*)'\s+and\s+\1\/value\s+eq\s+'((?:[^']|'')*)'\s*\)$/i;
const unquote = (value: string): string => value.replace(/''/g, "'");

/** The extended-property `$filter` Graph supports on events; any other filter is refused. */
function eventFilter(request: GraphRequest): ((event: StoredEvent) => boolean) | undefined {
  const filter = queryOption(request, 'filter')?.trim();
  if (!filter) return undefined;
  const match = propertyFilter.exec(filter);
  if (!match) throw new GraphApiError(400, 'ErrorInvalidUrlQueryFilter', 'The $filter is not supported on this collection.');
  const id = unquote(match[2]).toLowerCase();
  const value = unquote(match[3]);
  return (event) => Object.entries(event.extendedProperties ?? {}).some(([key, stored]) => key.toLowerCase() === id && stored === value);
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…' or id eq '…')`: the properties to return. */
function expandedPropertyIds(request: GraphRequest): Set<string> | undefined {
  const expand = queryOption(request, 'expand');
  if (!expand) return undefined;
  const match = /^singleValueExtendedProperties\(\$filter=(.+)\)$/i.exec(expand.trim());
  if (!match) throw new GraphApiError(400, 'BadRequest', 'Only singleValueExtendedProperties can be expanded on events.');
  const ids = [...match[1].matchAll(/id\s+eq\s+'((?:[^']|'')*)'/gi)].map((found) => unquote(found[1]).toLowerCase());
  if (ids.length === 0) throw new GraphApiError(400, 'BadRequest', 'The $expand filter must name extended property ids.');
  return new Set(ids);
}

function viewJson(context: RouteContext, view: EventInView, target: CalendarTarget): Record<string, unknown> {
  const { request } = context;
  const zone = preferredTimeZone(request.headers.prefer);
  const full: Record<string, unknown> = {
    ...eventJson(view.event, target.owner, zone, preferredBodyType(request.headers.prefer)),
    type: view.type,
    ...(view.event.originalStart ? { originalStart: view.event.originalStart.replace(/\.\d{3}Z$/, 'Z') } : {}),
  };
  const shown = applySelect(request, filterEvent(full, target.level, view.event.sensitivity), outlookAlwaysReturns);
  // $expand adds to what $select keeps, as in Graph.
  const ids = expandedPropertyIds(request);
  if (ids) {
    shown.singleValueExtendedProperties = Object.entries(view.event.extendedProperties ?? {})
      .filter(([id]) => ids.has(id.toLowerCase()))
      .map(([id, value]) => ({ id, value }));
  }
  return shown;
}

function requireWrite(target: CalendarTarget): void {
  if (!canEditItems(target.level)) throw accessDenied();
}

function listEvents(context: RouteContext) {
  const target = collectionTarget(context);
  if (!target.canOpen) throw accessDenied();
  const matches = eventFilter(context.request) ?? (() => true);
  const events = context.store.state.events
    .filter((event) => event.calendarId === target.calendar.id && !event.seriesMasterId && matches(event))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const result = page(context.request, events, context.pageSize);
  const value = result.value.map((event) => viewJson(context, { event, type: event.recurrence ? 'seriesMaster' : 'singleInstance' }, target));
  return json(200, { ...result, value }, timeZoneApplied(context.request.headers.prefer));
}

function createEvent(context: RouteContext) {
  const { store } = context;
  const body = objectBody(context.request);
  const target = collectionTarget(context);
  requireWrite(target);
  const transactionId = transactionIdOf(body);
  // A create repeated with the same transactionId (a retry after a lost answer) is not made twice.
  const earlier = transactionId && store.state.events.find((event) => event.calendarId === target.calendar.id && event.transactionId === transactionId);
  if (earlier) return json(201, viewJson(context, { event: earlier, type: earlier.recurrence ? 'seriesMaster' : 'singleInstance' }, target));
  const fields = readEventFields(body);
  const now = store.clock.now().toISOString();
  const event: StoredEvent = {
    id: exchangeId('event', randomUUID()),
    calendarId: target.calendar.id,
    subject: '',
    body: '',
    start: '',
    end: '',
    originalTimeZone: 'UTC',
    isAllDay: false,
    showAs: 'busy',
    sensitivity: 'normal',
    location: null,
    categories: [],
    organizer: { name: target.owner.displayName, address: target.owner.mail },
    attendees: [],
    isOnlineMeeting: false,
    createdDateTime: now,
    lastModifiedDateTime: now,
    ...fields,
    ...(transactionId ? { transactionId } : {}),
  };
  store.change((state) => {
    state.events.push(event);
    // A meeting the caller organises lands, once the invitations are delivered, as tentative in each attendee's calendar.
    if (target.owner.id !== context.caller.id) return;
    for (const attendee of event.attendees) {
      const user = store.findUser(attendee.address);
      if (!user || !hasMailbox(user) || user.id === target.owner.id) continue;
      state.events.push({ ...event, id: exchangeId('event', `${event.id}:${user.id}`), calendarId: primaryCalendarOf(state, user.id).id, showAs: 'tentative', transactionId: undefined, extendedProperties: undefined });
    }
  });
  return json(201, viewJson(context, { event, type: event.recurrence ? 'seriesMaster' : 'singleInstance' }, target));
}

function checkIfMatch(request: GraphRequest, event: StoredEvent): void {
  const ifMatch = request.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch.replace(/^W\//, '').replace(/"/g, '') !== changeKeyOf(event)) {
    throw new GraphApiError(412, 'ErrorIrresolvableConflict', 'The change key passed in the request does not match the current change key of the item.');
  }
}

function updateEvent(context: RouteContext) {
  const { store, request } = context;
  const body = objectBody(request);
  const { view, target } = findEvent(context);
  requireWrite(target);
  if (body.transactionId !== undefined) throw new GraphApiError(400, 'ErrorInvalidPropertyUpdate', 'The transactionId cannot be changed.');
  checkIfMatch(request, view.event);
  const fields = readEventFields(body, view.event);
  if (view.type === 'occurrence' && fields.recurrence) throw new GraphApiError(400, 'ErrorPropertyValidationFailure', 'An occurrence cannot have a recurrence.');
  const now = store.clock.now().toISOString();
  const updated = store.change((state) => {
    if (view.type === 'occurrence') {
      // Changing one occurrence makes it an exception of its series, stored on its own.
      const exception: StoredEvent = { ...view.event, ...fields, id: view.event.id, lastModifiedDateTime: now };
      state.events.push(exception);
      return exception;
    }
    const stored = state.events.find((event) => event.id === view.event.id);
    if (!stored) throw itemNotFound();
    const seriesChanged = stored.recurrence && (fields.recurrence !== undefined || fields.start !== undefined);
    Object.assign(stored, fields, { lastModifiedDateTime: now });
    if (seriesChanged) {
      // As in Exchange, a new pattern or start drops the series' exceptions and deleted occurrences.
      state.events = state.events.filter((event) => event.seriesMasterId !== stored.id);
      stored.deletedOccurrences = [];
    }
    return stored;
  });
  return json(200, viewJson(context, { event: updated, type: view.type === 'occurrence' ? 'exception' : view.type }, target));
}

function deleteEvent(context: RouteContext) {
  const { store, request } = context;
  const { view, target } = findEvent(context);
  requireWrite(target);
  checkIfMatch(request, view.event);
  store.change((state) => {
    const { event } = view;
    if (view.type === 'occurrence' || view.type === 'exception') {
      const master = state.events.find((candidate) => candidate.id === event.seriesMasterId);
      if (master && event.originalStart) master.deletedOccurrences = [...(master.deletedOccurrences ?? []), event.originalStart];
    }
    state.events = state.events.filter((candidate) => candidate.id !== event.id && (view.type !== 'seriesMaster' || candidate.seriesMasterId !== event.id));
  });
  return noContent();
}

function listInstances(context: RouteContext) {
  const { request, store } = context;
  const { view, target } = findEvent(context);
  if (view.type !== 'seriesMaster') throw invalidParameter('Instances can only be read on a series master.');
  const start = parseInZone(request.query.get('startDateTime') ?? '', 'UTC');
  const end = parseInZone(request.query.get('endDateTime') ?? '', 'UTC');
  if (!start || !end) throw invalidParameter('This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  const instances = instancesOf(store.state, view.event, start, end).sort((a, b) => a.event.start.localeCompare(b.event.start));
  const result = page(request, instances, context.pageSize);
  return json(200, { ...result, value: result.value.map((instance) => viewJson(context, instance, target)) }, timeZoneApplied(request.headers.prefer));
}

const collections = [...calendarPatterns('/events'), '/users/:user/events'];
const items = collections.map((pattern) => `${pattern}/:event`);

/** Events of any calendar the caller may write: their own, or one shared with them at edit level. */
export const eventRoutes: Route[] = [
  ...routesFor('GET', collections, listEvents),
  ...routesFor('POST', collections, createEvent),
  ...routesFor('GET', items, (context) => {
    const { view, target } = findEvent(context);
    return json(200, viewJson(context, view, target), timeZoneApplied(context.request.headers.prefer));
  }),
  ...routesFor('PATCH', items, updateEvent),
  ...routesFor('DELETE', items, deleteEvent),
  ...routesFor('GET', items.map((pattern) => `${pattern}/instances`), listInstances),
];
