import { accessTo, mailboxUser, resolveCalendar, type CalendarTarget } from '../calendar-access';
import { accessDenied, GraphApiError, invalidRequest, json, objectBody } from '../graph-http';
import { weakETag } from '../event-json';
import { applySelect, outlookAlwaysReturns, page } from '../odata';
import { calendarColors } from '../org-schema';
import { canEditItems, canViewPrivateItems } from '../role-filter';
import { calendarPatterns, routesFor, type Route, type RouteContext } from '../router';
import type { CalendarColor } from '../state';

const hexColors: Record<CalendarColor, string> = {
  auto: '',
  lightBlue: '#a6d1f5',
  lightGreen: '#87d28e',
  lightOrange: '#fcab73',
  lightGray: '#c0c0c0',
  lightYellow: '#f4d07a',
  lightTeal: '#62d7cd',
  lightPink: '#f08cc0',
  lightBrown: '#d5a18a',
  lightRed: '#f89a9b',
};

/** A calendar as this caller sees it: their own, a shared one in their list, or someone else's read directly. */
export function calendarJson(target: CalendarTarget): Record<string, unknown> {
  const { calendar, entry, owner, level } = target;
  const own = level === 'owner';
  const color = entry?.color ?? calendar.color;
  return {
    '@odata.etag': weakETag(calendar.changeKey),
    id: entry?.id ?? calendar.id,
    name: entry?.name ?? calendar.name,
    color,
    hexColor: hexColors[color],
    isDefaultCalendar: own && calendar.isDefault,
    changeKey: calendar.changeKey,
    canShare: own,
    canViewPrivateItems: canViewPrivateItems(level),
    canEdit: canEditItems(level),
    allowedOnlineMeetingProviders: own ? ['teamsForBusiness'] : [],
    defaultOnlineMeetingProvider: own ? 'teamsForBusiness' : 'unknown',
    isTallyingResponses: own,
    isRemovable: !(own && calendar.isDefault),
    owner: { name: owner.displayName, address: owner.mail },
  };
}

function listCalendars({ request, params, caller, store, pageSize }: RouteContext) {
  const mailbox = mailboxUser(store, params.user);
  const state = store.state;
  let targets: CalendarTarget[];
  if (mailbox.id === caller.id) {
    const own = state.calendars.filter((calendar) => calendar.ownerId === caller.id).map((calendar) => resolveCalendar(store, caller, mailbox, calendar.id));
    // Shared calendars Outlook added stay listed even after the share is removed; reading them then fails.
    const added = state.calendarList.filter((entry) => entry.userId === caller.id).map((entry) => resolveCalendar(store, caller, mailbox, entry.id));
    targets = [...own, ...added];
  } else {
    const theirs = state.calendars.filter((calendar) => calendar.ownerId === mailbox.id).map((calendar) => ({ owner: mailbox, calendar, ...accessTo(state, calendar, caller) }));
    targets = theirs.filter((target) => target.canOpen);
    if (targets.length === 0) {
      // Nothing shared with the caller: Exchange denies access; some tenants list the default calendar alone.
      if (state.unsharedCalendarList === 'accessDenied') throw accessDenied();
      targets = theirs.filter((target) => target.calendar.isDefault);
    }
  }
  const result = page(request, targets, pageSize);
  return json(200, { ...result, value: result.value.map((target) => applySelect(request, calendarJson(target), outlookAlwaysReturns)) });
}

function openCalendar({ params, caller, store }: RouteContext): CalendarTarget {
  const target = resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar);
  if (!target.canOpen) throw accessDenied();
  return target;
}

const updatable = ['name', 'color'];

function updateCalendar(context: RouteContext) {
  const { params, caller, store } = context;
  const body = objectBody(context.request);
  const target = resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar);
  if (!target.entry && target.level !== 'owner') throw accessDenied();
  const unknown = Object.keys(body).filter((key) => !updatable.includes(key) && !key.startsWith('@odata.'));
  if (unknown.length > 0) throw invalidRequest(`The property '${unknown[0]}' cannot be updated on a calendar.`);
  const name = body.name;
  const color = body.color;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) throw invalidRequest('The calendar name cannot be empty.');
  if (color !== undefined && !(calendarColors as readonly unknown[]).includes(color)) {
    throw new GraphApiError(400, 'BadRequest', `Cannot convert the literal ${JSON.stringify(color)} to the expected type 'microsoft.graph.calendarColor'.`);
  }
  store.change((state) => {
    if (target.entry) {
      // A sharee renaming a shared calendar changes only their own list entry: the alias.
      const entry = state.calendarList.find((candidate) => candidate.id === target.entry?.id);
      if (!entry) return;
      if (typeof name === 'string') entry.name = name.trim();
      if (color !== undefined) entry.color = color as CalendarColor;
      return;
    }
    const calendar = state.calendars.find((candidate) => candidate.id === target.calendar.id);
    if (!calendar) return;
    if (typeof name === 'string') calendar.name = name.trim();
    if (color !== undefined) calendar.color = color as CalendarColor;
    calendar.changeKey = Buffer.from(store.clock.now().toISOString()).toString('base64');
  });
  return json(200, calendarJson(resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar)));
}

export const calendarRoutes: Route[] = [
  { method: 'GET', pattern: '/users/:user/calendars', handler: listCalendars },
  ...routesFor('GET', calendarPatterns(''), (context) => json(200, applySelect(context.request, calendarJson(openCalendar(context)), outlookAlwaysReturns))),
  ...routesFor('PATCH', calendarPatterns(''), updateCalendar),
];
