/**
 * `calendarView/delta` on a calendar (learn.microsoft.com/graph/delta-query-events): a first round lists
 * the view of the window, page by page (`Prefer: odata.maxpagesize`, `@odata.nextLink` with a
 * `$skiptoken`), and ends with an `@odata.deltaLink` (`$deltatoken`); a round from that link gives only
 * what was added, changed or `@removed` since. Tokens are opaque and live in memory, so an emulator
 * restart (or a token pushed out by newer ones) answers 410 `syncStateNotFound`, as an expired token does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mailboxUser, resolveCalendar, type CalendarTarget } from '../calendar-access';
import { preferredBodyType } from '../event-json';
import { eventsInWindow, type EventInView } from '../event-occurrences';
import { accessDenied, GraphApiError, json, type GraphRequest } from '../graph-http';
import { calendarPatterns, routesFor, type Route, type RouteContext } from '../router';
import type { EmulatorStore } from '../state-store';
import { preferredTimeZone } from '../time-zone';
import { timeWindow, viewItemJson } from './calendar-view';

interface Round {
  calendarId: string;
  window: { start: Date; end: Date };
  /** What the view held when the round began: id -> fingerprint. */
  snapshot: Map<string, string>;
  /** The changes of the round, in page order. */
  changes: Array<{ id: string; removed: boolean }>;
}

interface TokenState {
  rounds: Map<string, Round>;
  /** deltatoken -> the view it was issued for. */
  deltas: Map<string, { calendarId: string; window: { start: Date; end: Date }; snapshot: Map<string, string> }>;
}

/** Exchange forgets old sync states; so does the emulator, beyond this many per store. */
const keptTokens = 200;
const states = new WeakMap<EmulatorStore, TokenState>();

function stateOf(store: EmulatorStore): TokenState {
  let state = states.get(store);
  if (!state) {
    state = { rounds: new Map(), deltas: new Map() };
    states.set(store, state);
  }
  return state;
}

function remember<T>(map: Map<string, T>, value: T): string {
  const token = randomBytes(12).toString('base64url');
  map.set(token, value);
  if (map.size > keptTokens) map.delete(map.keys().next().value as string);
  return token;
}

const syncStateNotFound = (): GraphApiError => new GraphApiError(410, 'syncStateNotFound', 'The sync state generation was not found. Start a new round of synchronization.');

/** Graph does not support these on calendarView/delta (`$expand` even fails there). */
function refuseUnsupported(request: GraphRequest): void {
  for (const option of ['select', 'expand', 'filter', 'orderby', 'top']) {
    if (request.query.has(`$${option}`) || request.query.has(option)) throw new GraphApiError(400, 'BadRequest', `The query option '$${option}' is not supported on delta queries of a calendar view.`);
  }
}

function maxPageSize(request: GraphRequest, fallback: number): number {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(request.headers.prefer ?? '');
  return Math.min(match ? Math.max(1, Number(match[1])) : fallback, 1000);
}

function fingerprintOf(view: EventInView, target: CalendarTarget): string {
  return createHash('sha1').update(JSON.stringify(viewItemJson(view, target, 'UTC', 'html'))).digest('base64url');
}

/** A link to this same delta function (the request's own base), with one state token. */
function linkWith(request: GraphRequest, token: Record<string, string>): string {
  const [name, value] = Object.entries(token)[0];
  return `${request.serviceRoot}${request.path}?${name}=${value}`;
}

function calendarViewDelta(context: RouteContext) {
  const { request, params, caller, store, pageSize } = context;
  const target = resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar);
  if (!target.canOpen) throw accessDenied();
  refuseUnsupported(request);
  const state = stateOf(store);
  const skipToken = request.query.get('$skiptoken') ?? request.query.get('$skipToken');
  const deltaToken = request.query.get('$deltatoken') ?? request.query.get('$deltaToken');
  let roundToken: string;
  let offset = 0;
  if (skipToken) {
    const [token, at] = skipToken.split('.');
    if (!state.rounds.has(token) || !/^\d+$/.test(at ?? '')) throw syncStateNotFound();
    roundToken = token;
    offset = Number(at);
  } else {
    const previous = deltaToken ? state.deltas.get(deltaToken) : undefined;
    if (deltaToken && !previous) throw syncStateNotFound();
    const window = previous?.window ?? timeWindow(request);
    if (previous && previous.calendarId !== target.calendar.id) throw syncStateNotFound();
    const views = eventsInWindow(store.state, target.calendar.id, window.start, window.end).sort((a, b) => a.event.start.localeCompare(b.event.start) || a.event.id.localeCompare(b.event.id));
    const snapshot = new Map(views.map((view) => [view.event.id, fingerprintOf(view, target)]));
    const before = previous?.snapshot ?? new Map<string, string>();
    const changes = [
      ...[...before.keys()].filter((id) => !snapshot.has(id)).map((id) => ({ id, removed: true })),
      ...[...snapshot].filter(([id, print]) => before.get(id) !== print).map(([id]) => ({ id, removed: false })),
    ];
    roundToken = remember(state.rounds, { calendarId: target.calendar.id, window, snapshot, changes });
  }
  const round = state.rounds.get(roundToken) as Round;
  if (round.calendarId !== target.calendar.id) throw syncStateNotFound();
  const size = maxPageSize(request, pageSize);
  const slice = round.changes.slice(offset, offset + size);
  // Changed items are shown as they are now (as Graph does); an item gone since the round began is reported removed.
  const views = new Map(eventsInWindow(store.state, round.calendarId, round.window.start, round.window.end).map((view) => [view.event.id, view]));
  const zone = preferredTimeZone(request.headers.prefer);
  const bodyType = preferredBodyType(request.headers.prefer);
  const value = slice.map(({ id, removed }) => {
    const view = views.get(id);
    if (removed || !view) return { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
    return { '@odata.type': '#microsoft.graph.event', ...viewItemJson(view, target, zone, bodyType) };
  });
  const more = offset + size < round.changes.length;
  const link = more
    ? { '@odata.nextLink': linkWith(request, { $skiptoken: `${roundToken}.${offset + size}` }) }
    : { '@odata.deltaLink': linkWith(request, { $deltatoken: remember(state.deltas, { calendarId: round.calendarId, window: round.window, snapshot: round.snapshot }) }) };
  return json(200, { ...link, value }, { 'Preference-Applied': `odata.maxpagesize=${size}` });
}

/** `/users/{id}/calendarView/delta` is the primary calendar's. */
export const calendarViewDeltaRoutes: Route[] = routesFor('GET', [...calendarPatterns('/calendarView/delta'), '/users/:user/calendarView/delta'], calendarViewDelta);
