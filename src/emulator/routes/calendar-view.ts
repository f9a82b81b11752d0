import { mailboxUser, resolveCalendar, type CalendarTarget } from '../calendar-access';
import { eventJson, preferredBodyType, type BodyContentType } from '../event-json';
import { eventsInWindow, type EventInView } from '../event-occurrences';
import { accessDenied, invalidParameter, json, type GraphRequest } from '../graph-http';
import { applySelect, outlookAlwaysReturns, page, queryOption } from '../odata';
import { filterEvent } from '../role-filter';
import { calendarPatterns, routesFor, type Route, type RouteContext } from '../router';
import type { StoredEvent } from '../state';
import { parseInZone, preferredTimeZone, timeZoneApplied } from '../time-zone';

const windowMessage = 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.';

/** startDateTime/endDateTime carry their own offset; without one they are UTC (Prefer does not apply). */
export function timeWindow(request: GraphRequest): { start: Date; end: Date } {
  const startText = request.query.get('startDateTime') ?? request.query.get('startdatetime');
  const endText = request.query.get('endDateTime') ?? request.query.get('enddatetime');
  if (!startText || !endText) throw invalidParameter(windowMessage);
  const start = parseInZone(startText, 'UTC');
  const end = parseInZone(endText, 'UTC');
  if (!start || !end) throw invalidParameter('The value of startDateTime or endDateTime is not a valid date and time.');
  if (end < start) throw invalidParameter('The endDateTime must not be earlier than the startDateTime.');
  return { start, end };
}

function sortEvents(request: GraphRequest, events: StoredEvent[]): StoredEvent[] {
  const orderBy = (queryOption(request, 'orderby') ?? 'start/dateTime').trim();
  const descending = /\s+desc$/i.test(orderBy);
  const byEnd = /^end\//i.test(orderBy);
  const key = (event: StoredEvent): string => (byEnd ? event.end : event.start);
  return [...events].sort((a, b) => (descending ? -1 : 1) * (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id)));
}

/** One event of a calendar view as the caller may see it; occurrences and exceptions carry their original start, as in Graph (what a sync keys them by). */
export function viewItemJson(view: EventInView, target: Pick<CalendarTarget, 'owner' | 'level'>, zone: string, bodyType: BodyContentType): Record<string, unknown> {
  const { event } = view;
  return filterEvent(
    { ...eventJson(event, target.owner, zone, bodyType), type: view.type, ...(event.originalStart ? { originalStart: event.originalStart.replace(/\.\d{3}Z$/, 'Z') } : {}) },
    target.level,
    event.sensitivity,
  );
}

function calendarView({ request, params, caller, store, pageSize }: RouteContext) {
  const target = resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar);
  if (!target.canOpen) throw accessDenied();
  const { start, end } = timeWindow(request);
  const zone = preferredTimeZone(request.headers.prefer);
  const bodyType = preferredBodyType(request.headers.prefer);
  // Series are expanded into their occurrences and exceptions, as Exchange's calendarView does.
  const views = eventsInWindow(store.state, target.calendar.id, start, end);
  const types = new Map(views.map((view) => [view.event.id, view.type]));
  const result = page(request, sortEvents(request, views.map((view) => view.event)), pageSize);
  const value = result.value.map((event) => applySelect(request, viewItemJson({ event, type: types.get(event.id) ?? 'singleInstance' }, target, zone, bodyType), outlookAlwaysReturns));
  return json(200, { ...result, value }, timeZoneApplied(request.headers.prefer));
}

/** `/users/{id}/calendarView` is Graph's shorthand for the primary calendar's view. */
export const calendarViewRoutes: Route[] = routesFor('GET', [...calendarPatterns('/calendarView'), '/users/:user/calendarView'], calendarView);
