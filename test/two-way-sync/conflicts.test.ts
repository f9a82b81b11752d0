import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import type { ConflictPolicy } from '../../src/two-way-sync/sync-pair-store';
import { type SyncKit, single, startSyncKit, subjectsOnBothSides, vcalendar } from './sync-kit';

const user = { userId: alex.aadObjectId };

describe.each(testBackends('twowayconflicts'))('two-way sync conflicts on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `Conf-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  const subjects = () => subjectsOnBothSides(kit);

  /** One event synced, then changed on both sides: Outlook at 10:00, CalDAV (LAST-MODIFIED) at `caldavAt`. */
  async function bothChanged(policy: ConflictPolicy, caldavAt: string) {
    const id = await kit.createInOutlook(single('Atelier', '2026-12-10T10:00:00', '2026-12-10T12:00:00'));
    await kit.createInOutlook(single('Autre', '2026-12-11T10:00:00', '2026-12-11T12:00:00'));
    const pair = await kit.addPair({ policy });
    await kit.engine().sync(pair.id);
    kit.clock.set(new Date('2026-11-24T10:00:00Z'));
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: id, event: { subject: 'Atelier (Outlook)' } }]);
    const client = await kit.direct();
    const refs = await client.listObjects(kit.caldavCalendarUrl);
    const objects = await client.fetchObjects(kit.caldavCalendarUrl, refs.map((ref) => ref.href));
    const atelier = objects.find((object) => object.data.includes('SUMMARY:Atelier')) as { href: string; etag: string; data: string };
    const uid = /UID:(.*)/.exec(atelier.data)?.[1]?.trim() as string;
    await client.update(kit.caldavCalendarUrl, atelier.href, atelier.etag, vcalendar('BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261124T000000Z', `LAST-MODIFIED:${caldavAt}`, 'DTSTART:20261210T090000Z', 'DTEND:20261210T110000Z', 'SUMMARY:Atelier (CalDAV)', 'END:VEVENT'));
    kit.clock.set(new Date('2026-11-24T12:00:00Z'));
    return kit.engine().sync(pair.id);
  }

  it('the newer change wins by default (here the CalDAV one), and the conflict is listed', async () => {
    const outcome = await bothChanged('newer', '20261124T110000Z');
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ kept: 'caldav' }], toOutlook: { updated: 1 }, toCaldav: { updated: 0 } } });
    expect(await subjects()).toEqual({ outlook: ['Atelier (CalDAV)', 'Autre'], caldav: ['Atelier (CalDAV)', 'Autre'] });
  });

  it('the newer change wins by default (here the Outlook one)', async () => {
    const outcome = await bothChanged('newer', '20261124T090000Z');
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ kept: 'outlook' }], toCaldav: { updated: 1 }, toOutlook: { updated: 0 } } });
    expect(await subjects()).toEqual({ outlook: ['Atelier (Outlook)', 'Autre'], caldav: ['Atelier (Outlook)', 'Autre'] });
  });

  it('"Outlook wins" keeps the Outlook change even when the CalDAV one is newer', async () => {
    const outcome = await bothChanged('outlook', '20261124T110000Z');
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ kept: 'outlook' }] } });
    expect(await subjects()).toEqual({ outlook: ['Atelier (Outlook)', 'Autre'], caldav: ['Atelier (Outlook)', 'Autre'] });
  });

  it('"the other side wins" keeps the CalDAV change even when the Outlook one is newer', async () => {
    const outcome = await bothChanged('caldav', '20261124T090000Z');
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ kept: 'caldav' }] } });
    expect(await subjects()).toEqual({ outlook: ['Atelier (CalDAV)', 'Autre'], caldav: ['Atelier (CalDAV)', 'Autre'] });
  });

  it('changed on one side and deleted on the other: the change wins and the event comes back', async () => {
    const id = await kit.createInOutlook(single('Visite', '2026-12-12T10:00:00', '2026-12-12T11:00:00'));
    await kit.createInOutlook(single('Autre', '2026-12-11T10:00:00', '2026-12-11T12:00:00'));
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: id, event: { subject: 'Visite (reportée)' } }]);
    const client = await kit.direct();
    const refs = await client.listObjects(kit.caldavCalendarUrl);
    const objects = await client.fetchObjects(kit.caldavCalendarUrl, refs.map((ref) => ref.href));
    const visit = objects.find((object) => object.data.includes('SUMMARY:Visite')) as { href: string; etag: string };
    await client.delete(visit.href, visit.etag);
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toMatchObject({ status: 'synced', report: { toCaldav: { created: 1 }, toOutlook: { deleted: 0 } } });
    expect(await subjects()).toEqual({ outlook: ['Autre', 'Visite (reportée)'], caldav: ['Autre', 'Visite (reportée)'] });
  });

  it('a CalDAV object changed between reading and writing (412): re-read, decided again, nothing lost', async () => {
    const id = await kit.createInOutlook(single('Course', '2026-12-13T10:00:00', '2026-12-13T11:00:00'));
    const pair = await kit.addPair({ policy: 'newer' });
    await kit.engine().sync(pair.id);
    kit.clock.set(new Date('2026-11-24T10:00:00Z'));
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: id, event: { subject: 'Course (Outlook)' } }]);
    const client = await kit.direct();
    let raced = false;
    const engine = kit.engine({
      beforeWrite: async (side) => {
        if (side !== 'caldav' || raced) return;
        raced = true;
        // Someone edits the object on the server just before our PUT, and later than the Outlook change.
        const [ref] = await client.listObjects(kit.caldavCalendarUrl);
        const [object] = await client.fetchObjects(kit.caldavCalendarUrl, [ref.href]);
        const uid = /UID:(.*)/.exec(object.data)?.[1]?.trim() as string;
        await client.update(kit.caldavCalendarUrl, ref.href, ref.etag, vcalendar('BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261124T000000Z', 'LAST-MODIFIED:20261124T110000Z', 'DTSTART:20261213T090000Z', 'DTEND:20261213T100000Z', 'SUMMARY:Course (téléphone)', 'END:VEVENT'));
      },
    });
    const outcome = await engine.sync(pair.id);
    expect(raced).toBe(true);
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ kept: 'caldav' }], toOutlook: { updated: 1 } } });
    expect(await subjects()).toEqual({ outlook: ['Course (téléphone)'], caldav: ['Course (téléphone)'] });
    const again = await kit.engine().sync(pair.id);
    expect(again).toMatchObject({ report: { toOutlook: { updated: 0, created: 0 }, toCaldav: { updated: 0, created: 0 } } });
  });
});
