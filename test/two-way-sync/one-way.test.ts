import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { type SyncKit, single, startSyncKit, subjectsOnBothSides, vcalendar, wideWindow } from './sync-kit';

const user = { userId: alex.aadObjectId };
const wide = wideWindow;
const caldavEvent = (uid: string, summary: string, day: string) =>
  vcalendar('BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261124T000000Z', 'LAST-MODIFIED:20261124T100000Z', `DTSTART:202612${day}T090000Z`, `DTEND:202612${day}T100000Z`, `SUMMARY:${summary}`, 'END:VEVENT');

describe.each(testBackends('twowayoneway'))('one-way sync on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `One-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  const subjects = () => subjectsOnBothSides(kit);

  it('Outlook -> CalDAV only: CalDAV events and changes never reach Outlook, and nothing of CalDAV is deleted', async () => {
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'only-caldav.ics', caldavEvent('only-caldav', 'Seulement CalDAV', '15'));
    await kit.createInOutlook(single('Réunion', '2026-12-10T10:00:00', '2026-12-10T11:00:00'));
    const pair = await kit.addPair({ direction: 'toCaldav' });
    await kit.engine().sync(pair.id);
    expect(await subjects()).toEqual({ outlook: ['Réunion'], caldav: ['Réunion', 'Seulement CalDAV'] });
    // The copy of the Outlook event is changed on CalDAV: not written back to Outlook.
    const refs = await client.listObjects(kit.caldavCalendarUrl);
    const objects = await client.fetchObjects(kit.caldavCalendarUrl, refs.map((ref) => ref.href));
    const copy = objects.find((object) => object.data.includes('SUMMARY:Réunion')) as (typeof objects)[number];
    const uid = /UID:(.*)/.exec(copy.data)?.[1]?.trim() as string;
    await client.update(kit.caldavCalendarUrl, copy.href, copy.etag, caldavEvent(uid, 'Réunion (CalDAV)', '10'));
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toMatchObject({ status: 'synced', report: { toOutlook: { created: 0, updated: 0, deleted: 0 }, toCaldav: { deleted: 0 } } });
    expect(await subjects()).toEqual({ outlook: ['Réunion'], caldav: ['Réunion (CalDAV)', 'Seulement CalDAV'] });
  });

  it('CalDAV -> Outlook only: Outlook events and changes never reach CalDAV, and nothing of Outlook is deleted', async () => {
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'dentist.ics', caldavEvent('dentist', 'Dentiste', '15'));
    const outlookOnly = await kit.createInOutlook(single('Seulement Outlook', '2026-12-10T10:00:00', '2026-12-10T11:00:00'));
    const pair = await kit.addPair({ direction: 'toOutlook' });
    await kit.engine().sync(pair.id);
    expect(await subjects()).toEqual({ outlook: ['Dentiste', 'Seulement Outlook'], caldav: ['Dentiste'] });
    // The copy of the CalDAV event is changed in Outlook: not written back to CalDAV.
    const copy = [...(await kit.outlook.read(user, { calendarId: kit.outlookCalendarId }, wide)).values()].find((item) => item.event.content.subject === 'Dentiste');
    kit.clock.set(new Date('2026-11-24T11:00:00Z'));
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: copy?.id as string, event: { subject: 'Dentiste (Outlook)' } }]);
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: outlookOnly, event: { subject: 'Seulement Outlook (modifié)' } }]);
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 0, updated: 0, deleted: 0 }, toOutlook: { deleted: 0 } } });
    expect(await subjects()).toEqual({ outlook: ['Dentiste (Outlook)', 'Seulement Outlook (modifié)'], caldav: ['Dentiste'] });
  });

  it('the first sync of 25 CalDAV events writes them to Outlook in 2 $batches (20 + 5), not 25', async () => {
    const client = await kit.direct();
    for (let day = 1; day <= 25; day += 1) await client.create(kit.caldavCalendarUrl, `e${day}.ics`, caldavEvent(`e${day}`, `Événement ${day}`, String(day).padStart(2, '0')));
    const batchesBefore = kit.emulator.control.requests().filter((request) => request.path.endsWith('/$batch')).length;
    const pair = await kit.addPair({ direction: 'toOutlook' });
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toMatchObject({ status: 'synced', report: { toOutlook: { created: 25 } } });
    expect(kit.emulator.control.requests().filter((request) => request.path.endsWith('/$batch')).length - batchesBefore).toBe(2);
    expect((await subjects()).outlook).toHaveLength(25);
  });
});
