import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { parisZone, single, startSyncKit, vcalendar, type SyncKit } from './sync-kit';

/** What one sync cost on each side: requests (a `$batch` is one), and writes. */
async function costOf(kit: SyncKit, pairId: string) {
  kit.emulator.control.clearRequests();
  const caldavBefore = kit.caldavRequests.length;
  const graphWritesBefore = kit.graphWrites();
  const caldavWritesBefore = kit.caldavWrites();
  const outcome = await kit.engine().sync(pairId);
  const graph = kit.emulator.control.requests().filter((request) => !request.inBatch);
  return {
    outcome,
    graph: graph.map((request) => `${request.method} ${request.path.replace(/\/users\/[^/]+\/calendars\/[^/]+/, '/calendar')}`),
    caldav: kit.caldavRequests.slice(caldavBefore),
    writes: { graph: kit.graphWrites() - graphWritesBefore, caldav: kit.caldavWrites() - caldavWritesBefore },
  };
}

const unchanged = { graph: ['GET /calendar/calendarView/delta'], caldav: ['PROPFIND'], writes: { graph: 0, caldav: 0 } };

describe.each(testBackends('twowaytrips'))('two-way sync round trips on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `Trips-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  async function seedBothSides(): Promise<string> {
    await kit.createInOutlook(single('Revue budget', '2026-12-02T10:00:00', '2026-12-02T11:00:00', 'Romance Standard Time'));
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'dentist.ics', vcalendar('BEGIN:VEVENT', 'UID:dentist-1', 'DTSTAMP:20261120T080000Z', 'DTSTART:20261203T073000Z', 'DTEND:20261203T080000Z', 'SUMMARY:Dentiste', 'END:VEVENT'));
    await client.create(
      kit.caldavCalendarUrl,
      'weekly.ics',
      vcalendar(
        ...parisZone,
        'BEGIN:VEVENT', 'UID:weekly-1', 'DTSTAMP:20261120T080000Z', 'DTSTART;TZID=Europe/Paris:20261124T100000', 'DTEND;TZID=Europe/Paris:20261124T110000',
        'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=5', 'EXDATE;TZID=Europe/Paris:20261208T100000', 'SUMMARY:Point hebdo', 'END:VEVENT',
        'BEGIN:VEVENT', 'UID:weekly-1', 'DTSTAMP:20261120T080000Z', 'RECURRENCE-ID;TZID=Europe/Paris:20261201T100000', 'DTSTART;TZID=Europe/Paris:20261202T140000', 'DTEND;TZID=Europe/Paris:20261202T150000', 'SUMMARY:Point hebdo (déplacé)', 'END:VEVENT',
      ),
    );
    const pair = await kit.addPair();
    const first = await costOf(kit, pair.id);
    expect(first.outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 1 }, toOutlook: { created: 2 } } });
    return pair.id;
  }

  it('an unchanged re-sync right after the first costs one delta request to Graph and one PROPFIND to CalDAV, and writes nothing', async () => {
    const pairId = await seedBothSides();
    const second = await costOf(kit, pairId);
    expect(second.outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 0, updated: 0, deleted: 0 }, toOutlook: { created: 0, updated: 0, deleted: 0 } } });
    expect({ graph: second.graph, caldav: second.caldav, writes: second.writes }).toEqual(unchanged);
    const third = await costOf(kit, pairId);
    expect({ graph: third.graph, caldav: third.caldav, writes: third.writes }).toEqual(unchanged);
  });

  it('a change in Outlook is found by the delta round, one on CalDAV by sync-collection, each carried over; the sync after each is unchanged again', async () => {
    const pairId = await seedBothSides();
    const [outcome] = await kit.gateway.writeEvents({ userId: alex.aadObjectId }, [{ op: 'create', calendar: { calendarId: kit.outlookCalendarId }, event: single('Atelier', '2026-12-04T14:00:00', '2026-12-04T15:00:00'), properties: {}, transactionId: 'atelier-1' }]);
    expect(outcome.ok).toBe(true);
    const changed = await costOf(kit, pairId);
    expect(changed.outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 1 }, toOutlook: { created: 0, updated: 0 } } });
    expect(changed.writes).toEqual({ graph: 0, caldav: 1 });
    const after = await costOf(kit, pairId);
    expect({ graph: after.graph, caldav: after.caldav, writes: after.writes }).toEqual(unchanged);

    const client = await kit.direct();
    const [dentist] = await client.fetchObjects(kit.caldavCalendarUrl, (await client.listObjects(kit.caldavCalendarUrl)).map((ref) => ref.href).filter((href) => href.endsWith('dentist.ics')));
    await client.update(kit.caldavCalendarUrl, dentist.href, dentist.etag, dentist.data.replace('SUMMARY:Dentiste', 'SUMMARY:Dentiste (avancé)'));
    const fromCaldav = await costOf(kit, pairId);
    expect(fromCaldav.outcome).toMatchObject({ status: 'synced', report: { toOutlook: { updated: 1 }, toCaldav: { created: 0, updated: 0 } } });
    expect(fromCaldav.writes).toEqual({ graph: 1, caldav: 0 });
    const quiet = await costOf(kit, pairId);
    expect({ graph: quiet.graph, caldav: quiet.caldav, writes: quiet.writes }).toEqual(unchanged);
  });

  it('an expired delta link (410 syncStateNotFound) means a fresh round and a full listing: nothing written twice, then unchanged again', async () => {
    const pairId = await seedBothSides();
    kit.emulator.control.injectFault({ path: 'calendarView/delta', status: 410, code: 'syncStateNotFound', times: 1 });
    const resync = await costOf(kit, pairId);
    expect(resync.outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 0, updated: 0, deleted: 0 }, toOutlook: { created: 0, updated: 0, deleted: 0 } } });
    expect(resync.writes).toEqual({ graph: 0, caldav: 0 });
    expect(resync.graph.filter((request) => request.endsWith('/calendarView/delta'))).toHaveLength(2);
    expect(resync.graph).toContain('GET /calendar/events');
    const after = await costOf(kit, pairId);
    expect({ graph: after.graph, caldav: after.caldav, writes: after.writes }).toEqual(unchanged);
  });

  it('a calendar Graph offers no delta for (400) is listed on every run instead, and still nothing is written twice', async () => {
    kit.emulator.control.injectFault({ path: 'calendarView/delta', status: 400, code: 'ErrorInvalidRequest' });
    const pairId = await seedBothSides();
    const again = await costOf(kit, pairId);
    expect(again.outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 0, updated: 0, deleted: 0 }, toOutlook: { created: 0, updated: 0, deleted: 0 } } });
    expect(again.writes).toEqual({ graph: 0, caldav: 0 });
    expect(again.graph).toContain('GET /calendar/events');
    expect(again.caldav).toEqual(['PROPFIND']);
  });
});
