import { randomBytes } from 'node:crypto';
import { CalDavClient, type CalDavCredentials } from '../../src/caldav/caldav-client';
import { ManualClock } from '../../src/clock';
import { startGraphEmulator, type RunningEmulator } from '../../src/emulator';
import { appIdentityAccess } from '../../src/feeds/feed-graph-access';
import { createCalendarGateway } from '../../src/graph';
import type { CalendarGateway } from '../../src/graph/calendar-gateway';
import type { EventContent } from '../../src/graph/event-gateway';
import { LocalTokenProvider } from '../../src/graph/local-token-provider';
import { SecretBox } from '../../src/secrets/secret-box';
import type { AppDatabase } from '../../src/storage/database';
import { OutlookCalendar } from '../../src/two-way-sync/outlook-calendar';
import { SyncPairStore, type NewSyncPair, type SyncPair } from '../../src/two-way-sync/sync-pair-store';
import { TwoWaySync, type TwoWaySyncDeps } from '../../src/two-way-sync/two-way-sync';
import { startRadicale, type RadicaleServer } from '../caldav/radicale-server';
import { alex } from '../support/demo-users';

export const caldavUser = { name: 'alex', password: 'app-pass-2026' };

export interface SyncKit {
  emulator: RunningEmulator;
  radicale: RadicaleServer;
  clock: ManualClock;
  gateway: CalendarGateway;
  store: SyncPairStore;
  outlook: OutlookCalendar;
  /** HTTP methods the sync sent to CalDAV. */
  caldavRequests: string[];
  /** Time the sync spent waiting for CalDAV answers, in ms (the bench reports it). */
  caldavWaitMs(): number;
  /** A CalDAV client of the test's own, to change the server behind the sync's back. */
  direct(): Promise<CalDavClient>;
  engine(overrides?: Partial<TwoWaySyncDeps>): TwoWaySync;
  addPair(extra?: Partial<NewSyncPair>): Promise<SyncPair>;
  outlookCalendarId: string;
  caldavCalendarUrl: string;
  graphWrites(): number;
  caldavWrites(): number;
  createInOutlook(content: EventContent): Promise<string>;
  close(): Promise<void>;
}

export async function startSyncKit(database: AppDatabase, calendarName: string): Promise<SyncKit> {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  const emulator = await startGraphEmulator({ clock, pageSize: 50 });
  const radicale = await startRadicale({ [caldavUser.name]: caldavUser.password });
  const sleep = (ms: number) => {
    clock.advance(ms);
    return Promise.resolve();
  };
  const graphOptions = { baseUrl: emulator.baseUrl, tokenProvider: new LocalTokenProvider(), clock, random: () => 0.5, sleep };
  const gateway = createCalendarGateway(graphOptions);
  const outlook = new OutlookCalendar({ gateway });
  const store = new SyncPairStore(database.db, new SecretBox([{ id: 'k1', key: randomBytes(32) }]), clock);
  const outlookCalendarId = (await gateway.createCalendar({ userId: alex.aadObjectId }, { name: 'Outlook side' })).id;
  const caldavCalendarUrl = await radicale.makeCalendar(caldavUser.name, caldavUser.password, calendarName);
  const caldavRequests: string[] = [];
  let caldavWait = 0;
  const counting: typeof fetch = async (input, init) => {
    caldavRequests.push(init?.method ?? 'GET');
    const started = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      caldavWait += performance.now() - started;
    }
  };
  const connect = (credentials: CalDavCredentials) => CalDavClient.connect(credentials, { fetch: counting });
  emulator.control.clearRequests();
  return {
    emulator,
    radicale,
    clock,
    gateway,
    store,
    outlook,
    caldavRequests,
    caldavWaitMs: () => caldavWait,
    outlookCalendarId,
    caldavCalendarUrl,
    direct: () => CalDavClient.connect({ serverUrl: radicale.url, userName: caldavUser.name, password: caldavUser.password }),
    engine: (overrides = {}) => new TwoWaySync({ store, outlook, graphAccess: appIdentityAccess, clock, instanceId: 'instance-a', connect, random: () => 0, ...overrides }),
    addPair: (extra = {}) =>
      store.create({
        ownerId: alex.aadObjectId,
        serverUrl: radicale.url,
        userName: caldavUser.name,
        password: caldavUser.password,
        caldav: { calendarUrl: caldavCalendarUrl, name: calendarName },
        outlook: { calendarId: outlookCalendarId, name: 'Outlook side' },
        direction: 'both',
        policy: 'newer',
        nextRunAt: clock.now().toISOString(),
        ...extra,
      }),
    graphWrites: () => emulator.control.requests().filter((request) => request.inBatch && request.method !== 'GET').length,
    caldavWrites: () => caldavRequests.filter((method) => method === 'PUT' || method === 'DELETE').length,
    createInOutlook: async (content) => {
      const [outcome] = await gateway.writeEvents({ userId: alex.aadObjectId }, [{ op: 'create', calendar: { calendarId: outlookCalendarId }, event: content, properties: {}, transactionId: randomBytes(8).toString('hex') }]);
      if (!outcome.ok || !outcome.value.id) throw new Error('create failed');
      return outcome.value.id;
    },
    close: async () => {
      await radicale.close();
      await emulator.close();
    },
  };
}

/** A window wide enough for every event the sync tests write. */
export const wideWindow = { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-12-31T00:00:00Z') };

/** Every Outlook item of the synced calendar in the wide window, as the engine reads them. */
export async function outlookItems(kit: SyncKit) {
  return [...(await kit.outlook.read({ userId: alex.aadObjectId }, { calendarId: kit.outlookCalendarId }, wideWindow)).values()];
}

/** Every object of the CalDAV calendar, read straight from the server. */
export async function caldavObjects(kit: SyncKit) {
  const client = await kit.direct();
  const refs = await client.listObjects(kit.caldavCalendarUrl);
  return client.fetchObjects(kit.caldavCalendarUrl, refs.map((ref) => ref.href));
}

/** The subjects on each side, sorted: what a person would see in Outlook and in the CalDAV calendar. */
export async function subjectsOnBothSides(kit: SyncKit): Promise<{ outlook: string[]; caldav: string[] }> {
  const outlook = (await outlookItems(kit)).map((item) => item.event.content.subject).sort();
  const caldav = (await caldavObjects(kit)).map((object) => /SUMMARY:(.*)/.exec(object.data)?.[1]?.trim() ?? '').sort();
  return { outlook, caldav };
}

export function single(subject: string, start: string, end: string, timeZone = 'Europe/Paris'): EventContent {
  return { subject, body: '', start: { dateTime: start, timeZone }, end: { dateTime: end, timeZone }, isAllDay: false, showAs: 'busy', sensitivity: 'normal', location: '', categories: [] };
}

/** One CalDAV object, as another client (Thunderbird, iOS) would write it. */
export function vcalendar(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Other client//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

export const parisZone = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
];
