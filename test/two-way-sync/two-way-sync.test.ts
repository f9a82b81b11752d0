import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { caldavUser, parisZone, single, startSyncKit, vcalendar, type SyncKit } from './sync-kit';

const user = { userId: alex.aadObjectId };

async function outlookEvents(kit: SyncKit) {
  const items = await kit.outlook.read(user, { calendarId: kit.outlookCalendarId }, { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-12-31T00:00:00Z') });
  return [...items.values()].map((item) => item.event);
}

async function caldavObjects(kit: SyncKit) {
  const client = await kit.direct();
  const refs = await client.listObjects(kit.caldavCalendarUrl);
  return client.fetchObjects(kit.caldavCalendarUrl, refs.map((ref) => ref.href));
}

describe.each(testBackends('twowaysync'))('two-way sync with Radicale on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `Perso-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  it('copies each side to the other, matches the same UID once, and a second sync writes nothing', async () => {
    await kit.createInOutlook(single('Revue budget', '2026-12-02T10:00:00', '2026-12-02T11:00:00', 'Romance Standard Time'));
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'dentist.ics', vcalendar(...parisZone, 'BEGIN:VEVENT', 'UID:dentist-1', 'DTSTAMP:20261120T080000Z', 'DTSTART;TZID=Europe/Paris:20261203T083000', 'DTEND;TZID=Europe/Paris:20261203T090000', 'SUMMARY:Dentiste', 'LOCATION:Lyon', 'END:VEVENT'));
    const pair = await kit.addPair();

    const first = await kit.engine().sync(pair.id);
    expect(first).toMatchObject({ status: 'synced', report: { toCaldav: { created: 1 }, toOutlook: { created: 1 }, matched: 0, conflicts: [] } });

    const objects = await caldavObjects(kit);
    expect(objects).toHaveLength(2);
    const budget = objects.find((object) => object.data.includes('Revue budget'))?.data ?? '';
    // The Windows zone on the Graph side becomes an IANA TZID with its VTIMEZONE.
    expect(budget).toMatch(/DTSTART;TZID=Europe\/Paris:20261202T100000/);
    expect(budget).toContain('BEGIN:VTIMEZONE');
    const events = await outlookEvents(kit);
    expect(events.map((event) => [event.content.subject, event.content.start.dateTime, event.content.start.timeZone, event.content.location]).sort()).toEqual([
      ['Dentiste', '2026-12-03T08:30:00', 'Europe/Paris', 'Lyon'],
      ['Revue budget', '2026-12-02T10:00:00', 'Europe/Paris', ''],
    ]);

    const graphWritesBefore = kit.graphWrites();
    const caldavWritesBefore = kit.caldavWrites();
    const second = await kit.engine().sync(pair.id);
    expect(second).toMatchObject({ status: 'synced', report: { toCaldav: { created: 0, updated: 0, deleted: 0 }, toOutlook: { created: 0, updated: 0, deleted: 0 } } });
    expect(kit.graphWrites() - graphWritesBefore).toBe(0);
    expect(kit.caldavWrites() - caldavWritesBefore).toBe(0);
    // A third run after nothing changed costs one PROPFIND on CalDAV, no listing.
    const before = kit.caldavRequests.length;
    await kit.engine().sync(pair.id);
    expect(kit.caldavRequests.slice(before).filter((method) => method === 'REPORT')).toEqual([]);
    expect(kit.graphWrites() - graphWritesBefore).toBe(0);
  });

  it('matches an event already on both sides by UID instead of duplicating it', async () => {
    const id = await kit.createInOutlook(single('Comité', '2026-12-04T14:00:00', '2026-12-04T15:00:00'));
    const [item] = await outlookEvents(kit);
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'comite.ics', vcalendar(...parisZone, 'BEGIN:VEVENT', `UID:${item.uid}`, 'DTSTAMP:20261120T080000Z', 'DTSTART;TZID=Europe/Paris:20261204T140000', 'DTEND;TZID=Europe/Paris:20261204T150000', 'SUMMARY:Comité', 'END:VEVENT'));
    const pair = await kit.addPair();
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toMatchObject({ status: 'synced', report: { matched: 1, toCaldav: { created: 0, updated: 0 }, toOutlook: { created: 0, updated: 0 } } });
    expect(await caldavObjects(kit)).toHaveLength(1);
    expect((await outlookEvents(kit)).map((event) => event.uid)).toEqual([item.uid]);
    expect(id).toBeTruthy();
  });

  it('carries a change and a deletion made on either side', async () => {
    const outlookId = await kit.createInOutlook(single('Point équipe', '2026-12-07T09:00:00', '2026-12-07T09:30:00'));
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'yoga.ics', vcalendar('BEGIN:VEVENT', 'UID:yoga-1', 'DTSTAMP:20261120T080000Z', 'DTSTART:20261208T170000Z', 'DTEND:20261208T180000Z', 'SUMMARY:Yoga', 'END:VEVENT'));
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);

    // Outlook renames its event; CalDAV moves the yoga.
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: outlookId, event: { subject: 'Point équipe (salle B)' } }]);
    const [yoga] = (await client.listObjects(kit.caldavCalendarUrl)).filter((ref) => ref.href.endsWith('yoga.ics'));
    await client.update(kit.caldavCalendarUrl, yoga.href, yoga.etag, vcalendar('BEGIN:VEVENT', 'UID:yoga-1', 'DTSTAMP:20261121T080000Z', 'DTSTART:20261208T180000Z', 'DTEND:20261208T190000Z', 'SUMMARY:Yoga', 'END:VEVENT'));
    kit.clock.advance(60_000);
    const changed = await kit.engine().sync(pair.id);
    expect(changed).toMatchObject({ status: 'synced', report: { toCaldav: { updated: 1 }, toOutlook: { updated: 1 }, conflicts: [] } });
    expect((await caldavObjects(kit)).some((object) => object.data.includes('SUMMARY:Point équipe (salle B)'))).toBe(true);
    expect((await outlookEvents(kit)).find((event) => event.uid === 'yoga-1')?.content.start.dateTime).toBe('2026-12-08T18:00:00');

    // Deleted on each side.
    await kit.gateway.writeEvents(user, [{ op: 'delete', calendar: { calendarId: kit.outlookCalendarId }, eventId: outlookId }]);
    const [yogaNow] = (await client.listObjects(kit.caldavCalendarUrl)).filter((ref) => ref.href.endsWith('yoga.ics'));
    await client.delete(yogaNow.href, yogaNow.etag);
    // Each side still holds something else, so this is not "one side emptied".
    await kit.createInOutlook(single('Reste', '2026-12-09T09:00:00', '2026-12-09T10:00:00'));
    const deleted = await kit.engine().sync(pair.id);
    expect(deleted).toMatchObject({ status: 'synced', report: { toCaldav: { deleted: 1, created: 1 }, toOutlook: { deleted: 1 } } });
    expect((await outlookEvents(kit)).map((event) => event.content.subject)).toEqual(['Reste']);
    expect((await caldavObjects(kit)).map((object) => /SUMMARY:(.*)/.exec(object.data)?.[1]?.trim())).toEqual(['Reste']);
    expect(caldavUser.name).toBe('alex');
  });

  it('an event that grows older than the sync window is left alone on both sides, not taken for a deletion', async () => {
    await kit.createInOutlook(single('Atelier passé', '2026-11-24T10:00:00', '2026-11-24T11:00:00'));
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'old.ics', vcalendar('BEGIN:VEVENT', 'UID:old-1', 'DTSTAMP:20261120T080000Z', 'DTSTART:20261125T170000Z', 'DTEND:20261125T180000Z', 'SUMMARY:Vieux rendez-vous', 'END:VEVENT'));
    await kit.createInOutlook(single('Plus tard', '2027-02-01T10:00:00', '2027-02-01T11:00:00'));
    const pair = await kit.addPair();
    expect(await kit.engine().sync(pair.id)).toMatchObject({ status: 'synced', report: { toCaldav: { created: 2 }, toOutlook: { created: 1 } } });
    // Forty days later both first events lie before the window (30 days back): a fresh delta round no longer reports them.
    kit.clock.advance(40 * 86400_000);
    const later = await kit.engine().sync(pair.id);
    expect(later).toMatchObject({ status: 'synced', report: { toCaldav: { created: 0, updated: 0, deleted: 0 }, toOutlook: { created: 0, updated: 0, deleted: 0 } } });
    expect((await outlookEvents(kit)).map((event) => event.content.subject).sort()).toEqual(['Atelier passé', 'Plus tard', 'Vieux rendez-vous']);
    expect(await caldavObjects(kit)).toHaveLength(3);
  });
});
