import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { caldavObjects, outlookItems, single, startSyncKit, subjectsOnBothSides, type SyncKit, vcalendar } from './sync-kit';


describe.each(testBackends('twowayremove'))('two-way sync: remove and all-day events on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `Rem-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());


  it('an all-day event goes both ways as a date (VALUE=DATE on CalDAV, isAllDay in Outlook), then zero writes', async () => {
    await kit.createInOutlook({ ...single('Congé', '2026-12-21T00:00:00', '2026-12-23T00:00:00'), isAllDay: true });
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'holiday.ics', vcalendar('BEGIN:VEVENT', 'UID:holiday', 'DTSTAMP:20261124T000000Z', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261226', 'SUMMARY:Noël', 'END:VEVENT'));
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    const leave = (await caldavObjects(kit)).find((object) => object.data.includes('SUMMARY:Congé'));
    expect(leave?.data).toMatch(/DTSTART;VALUE=DATE:20261221/);
    expect(leave?.data).toMatch(/DTEND;VALUE=DATE:20261223/);
    const christmas = (await outlookItems(kit)).find((item) => item.event.content.subject === 'Noël');
    expect(christmas?.event.content).toMatchObject({ isAllDay: true, start: { dateTime: '2026-12-25T00:00:00' }, end: { dateTime: '2026-12-26T00:00:00' } });
    const again = await kit.engine().sync(pair.id);
    expect(again).toMatchObject({ report: { toOutlook: { updated: 0, created: 0, deleted: 0 }, toCaldav: { updated: 0, created: 0, deleted: 0 } } });
  });

  it.each([
    ['outlook', { outlook: ['Outlook plus tard'], caldav: ['Depuis CalDAV', 'Depuis Outlook'] }],
    ['caldav', { outlook: ['Depuis CalDAV', 'Depuis Outlook', 'Outlook plus tard'], caldav: [] }],
  ] as const)('remove, deleting the synced events on %s: the other side keeps them, events never synced stay', async (deleteOn, expected) => {
    await kit.createInOutlook(single('Depuis Outlook', '2026-12-10T10:00:00', '2026-12-10T11:00:00'));
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'from-caldav.ics', vcalendar('BEGIN:VEVENT', 'UID:from-caldav', 'DTSTAMP:20261124T000000Z', 'DTSTART:20261211T090000Z', 'DTEND:20261211T100000Z', 'SUMMARY:Depuis CalDAV', 'END:VEVENT'));
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    // Made after the last sync: never synced, so never deleted by the removal.
    await kit.createInOutlook(single('Outlook plus tard', '2026-12-12T10:00:00', '2026-12-12T11:00:00'));
    await kit.engine().removePair(pair.id, deleteOn);
    expect(await subjectsOnBothSides(kit)).toEqual(expected);
    expect(await kit.store.get(pair.id)).toBeUndefined();
  });
});
