import { ManualClock } from '../../src/clock';
import { graphRoutes, startGraphEmulator, type RunningEmulator } from '../../src/emulator';
import { matchRoute, type RouteHandler } from '../../src/emulator/router';
import { appActingOn, createCalendarGateway, LocalTokenProvider, type CalendarGateway } from '../../src/graph';
import type { EventContent } from '../../src/graph/event-gateway';
import { createAppInstallations } from '../../src/graph/teams-apps';
import { OutlookCalendar } from '../../src/two-way-sync/outlook-calendar';
import { adele, alex, megan } from '../support/demo-users';
import { checkExchange } from '../support/graph-metadata-check';
import { loadGraphModel } from '../support/graph-metadata';
import { startGraphRecorder, type GraphRecorder, type RecordedExchange } from '../support/graph-recorder';
import { monday } from './emulator-kit';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const week = { start: new Date('2026-11-23T00:00:00Z'), end: new Date('2026-11-30T00:00:00Z') };
const paris = 'Europe/Paris';
const content: EventContent = {
  subject: 'Metadata check',
  body: 'Plain text',
  start: { dateTime: '2026-11-24T10:00:00', timeZone: paris },
  end: { dateTime: '2026-11-24T11:00:00', timeZone: paris },
  isAllDay: false,
  showAs: 'busy',
  sensitivity: 'normal',
  location: 'Room 1',
  categories: [],
  recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-11-24', numberOfOccurrences: 3 } },
};
const syncKey = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name metadataCheckKey';

/** Every request of the product's Graph port, through a recording proxy: what the metadata suite checks. */
async function driveEveryGatewayCall(gateway: CalendarGateway, emulator: RunningEmulator, recorder: GraphRecorder, clock: ManualClock): Promise<void> {
  const me = { userId: alex.aadObjectId };
  const sharee = { userId: megan.aadObjectId };
  await gateway.getMe(me, { fresh: true });
  await gateway.findPeople(me, { query: 'meg' });
  await gateway.resolvePerson(me, { address: megan.email });
  await gateway.personById(me, { id: megan.aadObjectId });
  const calendars = await gateway.listMyCalendars(me);
  const primary = calendars.find((calendar) => calendar.isDefault)?.id ?? '';
  const granted = await gateway.grantPermission(me, { calendarId: primary, recipient: { address: megan.email }, role: 'read' });
  await gateway.listPermissions(me, { calendarId: primary });
  await gateway.listPermissionsForCalendars(me, { calendarIds: calendars.map((calendar) => calendar.id) });
  await gateway.updatePermission(me, { calendarId: primary, permissionId: granted.id, role: 'limitedRead' });
  await gateway.listCalendarsSharedBy(sharee, { ownerAddress: alex.email });
  await gateway.listCalendarsSharedByMany(sharee, { ownerAddresses: [alex.email, adele.email] });
  await gateway.readAgenda(sharee, { ownerAddress: alex.email, ...week, timeZone: paris });
  await gateway.readAgenda(me, { ...week, timeZone: 'America/New_York' });
  emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId });
  const entry = (await gateway.listMyCalendars(sharee)).find((calendar) => calendar.owner.address === alex.email);
  if (entry) await gateway.renameMyCalendarView(sharee, { calendarId: entry.id, name: 'Alex (work)' });
  await gateway.getSchedule(me, { addresses: [megan.email, 'jordan@partner.example.org'], ...week, intervalMinutes: 60, timeZone: paris });
  await gateway.matchPeople(me, { queries: ['meg'], idQueries: [adele.aadObjectId] });
  await gateway.readAvailability(me, { addresses: [megan.email], ...week, intervalMinutes: 60, extraCalendarIds: [primary] });
  await gateway.createMeeting(me, { subject: 'Sync', start: new Date('2026-11-25T09:00:00Z'), end: new Date('2026-11-25T09:30:00Z'), timeZone: paris, attendees: [{ address: megan.email, name: 'Megan Bowen' }], transactionId: 'metadata-meeting' });
  await gateway.sendMail(me, { to: [megan.email], subject: 'Hello', html: '<p>Hi</p>', attachment: { name: 'agenda.ics', contentType: 'text/calendar', base64: Buffer.from('BEGIN:VCALENDAR').toString('base64') } });
  await gateway.readCalendarExport(me, { ...week, timeZone: paris });
  await gateway.readCalendarExport(appActingOn(alex.aadObjectId), { ownerId: alex.aadObjectId, ...week, timeZone: paris });
  await gateway.getWorkingHours(me);

  const created = await gateway.createCalendar(me, { name: 'Metadata check' });
  const calendar = { calendarId: created.id };
  const [written] = await gateway.writeEvents(me, [{ op: 'create', calendar, event: content, properties: { [syncKey]: 'uid-1' }, transactionId: 'metadata-1' }]);
  const eventId = written.ok ? (written.value.id ?? '') : '';
  await gateway.findEventsByProperty(me, { calendar, propertyId: syncKey, value: 'uid-1', read: [syncKey] });
  await gateway.listInstances(me, { calendar, eventId, ...week });
  await new OutlookCalendar({ gateway }).read(me, calendar, week);
  const round = await gateway.readEventChanges(me, { calendar: { calendarId: primary }, window: week });
  await gateway.readEventChanges(me, { calendar: { calendarId: primary }, window: week, deltaLink: round.deltaLink });
  await gateway.writeEvents(me, [{ op: 'update', calendar, eventId, event: { subject: 'Renamed' } }]);
  await gateway.writeEvents(me, [{ op: 'delete', calendar, eventId }]);
  await gateway.deleteCalendar(me, { calendarId: created.id });
  await gateway.revokePermission(me, { calendarId: primary, permissionId: granted.id });

  emulator.teamwork.publish('metadata-app');
  await createAppInstallations({ baseUrl: recorder.baseUrl, tokenProvider: new LocalTokenProvider(), clock }).installFor(appActingOn(adele.aadObjectId), { externalId: 'metadata-app' });
}

/** Graph routes the emulator answers that the product does not call (yet): read once directly, to be held to the metadata too. */
async function readTheRest(recorder: GraphRecorder): Promise<void> {
  const as = { authorization: `Bearer emu.${alex.aadObjectId}` };
  await fetch(`${recorder.baseUrl}/me/mailboxSettings/timeZone`, { headers: as });
  const events = (await (await fetch(`${recorder.baseUrl}/me/events?$top=1`, { headers: as })).json()) as { value: Array<{ id: string }> };
  await fetch(`${recorder.baseUrl}/me/events/${events.value[0]?.id ?? 'none'}`, { headers: as });
  await fetch(`${recorder.baseUrl}/me/calendar/calendarPermissions/RGVmYXVsdA==`, { headers: as });
  await fetch(`${recorder.baseUrl}/me/calendar`, { headers: as });
}

/** The handler an exchange reached, as the emulator matches it (`/me` is the signed-in user). */
function handlerOf(exchange: { method: string; url: string }): RouteHandler {
  const segments = new URL(exchange.url, 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'me') segments.splice(0, 1, 'users', 'me');
  return matchRoute([...graphRoutes], exchange.method, segments).route.handler;
}

type SentRequest = { method: string; url: string; headers: Record<string, string> };

/** The requests sent, each `$batch` with its inner requests after it (`outer: false` leaves the batch itself out). */
function withInner(exchanges: RecordedExchange[], outer = false): SentRequest[] {
  return exchanges.flatMap((exchange): SentRequest[] => {
    const self = { method: exchange.method, url: exchange.url, headers: exchange.requestHeaders };
    const requests = (exchange.requestBody as { requests?: Array<{ method: string; url: string; headers?: Record<string, string> }> } | undefined)?.requests;
    if (!exchange.url.startsWith('/$batch') || !requests) return [self];
    return [...(outer ? [self] : []), ...requests.map((request) => ({ method: request.method, url: request.url, headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])) }))];
  });
}

describe('the emulator held to the Graph v1.0 metadata, on every route the product uses', () => {
  const model = loadGraphModel();
  const clock = new ManualClock(monday);
  let emulator: RunningEmulator;
  let recorder: GraphRecorder;
  /** The exchanges the product itself sent (the direct reads of the remaining routes come after them). */
  let product: RecordedExchange[];

  beforeAll(async () => {
    emulator = await startGraphEmulator({ clock, pageSize: 2 });
    recorder = await startGraphRecorder(emulator.origin);
    const gateway = createCalendarGateway({ baseUrl: recorder.baseUrl, tokenProvider: new LocalTokenProvider(), clock, sleep: () => Promise.resolve() });
    await driveEveryGatewayCall(gateway, emulator, recorder, clock);
    product = [...recorder.exchanges];
    await readTheRest(recorder);
  });
  afterAll(async () => {
    await recorder.close();
    await emulator.close();
  });

  it('answers every request with paths, properties, types and enum values of the metadata', () => {
    expect(recorder.exchanges.length).toBeGreaterThan(40);
    expect(recorder.exchanges.flatMap((exchange) => checkExchange(model, exchange))).toEqual([]);
  });

  it('leaves no emulator route unchecked, so a new route cannot drift unseen', () => {
    // A handler answers both spellings of a calendar (`/calendar`, `/calendars/{id}`): one of them checks its shape.
    const reached = new Set(withInner(recorder.exchanges, true).map(handlerOf));
    const unchecked = graphRoutes.filter((route) => !reached.has(route.handler)).map((route) => `${route.method} ${route.pattern}`);
    expect(unchecked).toEqual([]);
  });

  it('builds every paging link from the proxy the product called, and the product follows them there', () => {
    type Page = { '@odata.nextLink'?: string; responses?: Array<{ body?: Page }> } | undefined;
    const bodies = product.flatMap((exchange) => {
      const body = exchange.responseBody as Page;
      return [body, ...(body?.responses ?? []).map((inner) => inner.body)];
    });
    const links = bodies.map((body) => body?.['@odata.nextLink']).filter((link): link is string => link !== undefined);
    expect(links.length).toBeGreaterThanOrEqual(2);
    const followed = new Set(recorder.exchanges.map((exchange) => `${recorder.baseUrl}${exchange.url}`));
    expect(links.filter((link) => !link.startsWith(`${recorder.baseUrl}/`) || !followed.has(link))).toEqual([]);
    const contexts = recorder.exchanges.map((exchange) => (exchange.responseBody as { '@odata.context'?: string } | undefined)?.['@odata.context']).filter(Boolean);
    expect(contexts.every((context) => context?.startsWith(`${recorder.baseUrl}/$metadata#`))).toBe(true);
  });

  it('sends a fresh client-request-id with every request, $batch inner ones included, and gets it echoed with a request-id', () => {
    const ids = withInner(product).map((request) => request.headers['client-request-id']);
    expect(ids.every((id) => uuid.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const exchange of product) {
      expect(exchange.responseHeaders['client-request-id']).toBe(exchange.requestHeaders['client-request-id']);
      expect(exchange.responseHeaders['request-id']).toMatch(uuid);
    }
  });

  it('asks for times in a zone (Prefer: outlook.timezone) on every read of event times', () => {
    // Event lists that select start or end; id/changeKey or originalStart (an instant) read no zoned time.
    const readsTimes = (url: string): boolean => /\/(calendarView|getSchedule)(\?|$)/.test(url) || (/\/events\?/.test(url) && /\$select=[^&]*\bstart\b/.test(decodeURIComponent(url)));
    const timeReads = withInner(product).filter((request) => readsTimes(request.url));
    expect(timeReads.length).toBeGreaterThan(5);
    expect(timeReads.filter((request) => !/outlook\.timezone="[^"]+"/.test(request.headers.prefer ?? '')).map((request) => request.url)).toEqual([]);
  });
});
