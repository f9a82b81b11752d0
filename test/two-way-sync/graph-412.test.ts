import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { OutlookCalendar } from '../../src/two-way-sync/outlook-calendar';
import { type SyncKit, single, startSyncKit, subjectsOnBothSides, vcalendar, wideWindow } from './sync-kit';

const user = { userId: alex.aadObjectId };

describe.each(testBackends('twowaygraph412'))('two-way sync, Graph 412 on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `G412-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  const subjects = () => subjectsOnBothSides(kit);

  /** One event synced, then changed on CalDAV at 10:00; the sync's Outlook write is raced by an Outlook edit at 11:00. */
  async function racedOutlookWrite(onCaldav: 'change' | 'delete') {
    const id = await kit.createInOutlook(single('Course', '2026-12-13T10:00:00', '2026-12-13T11:00:00'));
    // A second event, so deleting the first does not leave the CalDAV side empty (that stops and asks).
    await kit.createInOutlook(single('Autre', '2026-12-14T10:00:00', '2026-12-14T11:00:00'));
    const pair = await kit.addPair({ policy: 'newer' });
    await kit.engine().sync(pair.id);
    const client = await kit.direct();
    const refs = await client.listObjects(kit.caldavCalendarUrl);
    const objects = await client.fetchObjects(kit.caldavCalendarUrl, refs.map((candidate) => candidate.href));
    const object = objects.find((candidate) => candidate.data.includes('SUMMARY:Course')) as (typeof objects)[number];
    const ref = refs.find((candidate) => object.href.endsWith(candidate.href) || candidate.href.endsWith(object.href)) ?? { href: object.href, etag: object.etag };
    const uid = /UID:(.*)/.exec(object.data)?.[1]?.trim() as string;
    if (onCaldav === 'delete') await client.delete(ref.href, ref.etag);
    else await client.update(kit.caldavCalendarUrl, ref.href, ref.etag, vcalendar('BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261124T000000Z', 'LAST-MODIFIED:20261124T100000Z', 'DTSTART:20261213T090000Z', 'DTEND:20261213T100000Z', 'SUMMARY:Course (téléphone)', 'END:VEVENT'));
    let raced = 0;
    const engine = kit.engine({
      beforeWrite: async (side) => {
        if (side !== 'outlook' || raced > 0) return;
        raced += 1;
        // Someone edits the Outlook event after the sync read it, just before the sync's write.
        kit.clock.set(new Date('2026-11-24T11:00:00Z'));
        const [outcome] = await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: id, event: { subject: 'Course (Outlook)' } }]);
        expect(outcome.ok).toBe(true);
      },
    });
    const outcome = await engine.sync(pair.id);
    return { outcome, raced, pair };
  }

  it('an update raced by an Outlook edit: 412, re-read, decided again (the newer Outlook edit wins), nothing lost', async () => {
    const { outcome, raced, pair } = await racedOutlookWrite('change');
    expect(raced).toBe(1);
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ kept: 'outlook' }], toCaldav: { updated: 1 }, toOutlook: { updated: 0 } } });
    expect(await subjects()).toEqual({ outlook: ['Autre', 'Course (Outlook)'], caldav: ['Autre', 'Course (Outlook)'] });
    const again = await kit.engine().sync(pair.id);
    expect(again).toMatchObject({ report: { toOutlook: { updated: 0, created: 0, deleted: 0 }, toCaldav: { updated: 0, created: 0, deleted: 0 } } });
  });

  it('an occurrence write raced by an Outlook edit of that occurrence: it carries If-Match, gets 412, re-reads and decides again (the newer Outlook edit wins)', async () => {
    const client = await kit.direct();
    await client.create(kit.caldavCalendarUrl, 'daily.ics', vcalendar('BEGIN:VEVENT', 'UID:daily-1', 'DTSTAMP:20261120T080000Z', 'DTSTART:20261124T080000Z', 'DTEND:20261124T083000Z', 'RRULE:FREQ=DAILY;COUNT=5', 'SUMMARY:Standup', 'END:VEVENT'));
    const pair = await kit.addPair({ policy: 'newer' });
    await kit.engine().sync(pair.id);
    // The phone moves Thursday's standup at 10:00...
    const [object] = await client.fetchObjects(kit.caldavCalendarUrl, (await client.listObjects(kit.caldavCalendarUrl)).map((ref) => ref.href));
    const moved = ['BEGIN:VEVENT', 'UID:daily-1', 'DTSTAMP:20261124T100000Z', 'LAST-MODIFIED:20261124T100000Z', 'RECURRENCE-ID:20261126T080000Z', 'DTSTART:20261126T100000Z', 'DTEND:20261126T103000Z', 'SUMMARY:Standup (déplacé)', 'END:VEVENT'];
    await client.update(kit.caldavCalendarUrl, object.href, object.etag, object.data.replace('END:VCALENDAR', `${moved.join('\r\n')}\r\nEND:VCALENDAR`));
    // ...and at 11:00 someone edits that same occurrence in Outlook, after the sync listed it and before the sync writes it.
    const [series] = [...(await kit.outlook.read(user, { calendarId: kit.outlookCalendarId }, wideWindow)).values()];
    let raced = 0;
    const racing = {
      ...kit.gateway,
      writeEvents: async (...args: Parameters<typeof kit.gateway.writeEvents>) => {
        const occurrence = args[1].find((operation) => operation.op !== 'create' && operation.eventId !== series.id);
        if (occurrence && occurrence.op !== 'create' && raced === 0) {
          raced += 1;
          expect(occurrence.ifMatch).toBeTruthy();
          kit.clock.set(new Date('2026-11-24T11:00:00Z'));
          const [edit] = await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: occurrence.eventId, event: { subject: 'Standup (Outlook)' } }]);
          expect(edit.ok).toBe(true);
        }
        return kit.gateway.writeEvents(...args);
      },
    };
    const outcome = await kit.engine({ outlook: new OutlookCalendar({ gateway: racing }) }).sync(pair.id);
    expect(raced).toBe(1);
    expect(kit.emulator.control.requests().some((request) => request.inBatch && request.status === 412)).toBe(true);
    expect(outcome).toMatchObject({ status: 'synced', report: { conflicts: [{ uid: 'daily-1', kept: 'outlook' }], toCaldav: { updated: 1 } } });
    const [after] = await client.fetchObjects(kit.caldavCalendarUrl, (await client.listObjects(kit.caldavCalendarUrl)).map((ref) => ref.href));
    expect(after.data).toContain('SUMMARY:Standup (Outlook)');
    expect(after.data).not.toContain('Standup (déplacé)');
    const again = await kit.engine().sync(pair.id);
    expect(again).toMatchObject({ report: { toOutlook: { updated: 0, created: 0, deleted: 0 }, toCaldav: { updated: 0, created: 0, deleted: 0 } } });
  });

  it('a delete raced by an Outlook edit: 412, the edit is kept and goes back to CalDAV', async () => {
    const { outcome, raced, pair } = await racedOutlookWrite('delete');
    expect(raced).toBe(1);
    expect(outcome).toMatchObject({ status: 'synced', report: { toOutlook: { deleted: 0 }, toCaldav: { created: 1 } } });
    expect(await subjects()).toEqual({ outlook: ['Autre', 'Course (Outlook)'], caldav: ['Autre', 'Course (Outlook)'] });
    const again = await kit.engine().sync(pair.id);
    expect(again).toMatchObject({ report: { toOutlook: { updated: 0, created: 0, deleted: 0 }, toCaldav: { updated: 0, created: 0, deleted: 0 } } });
  });
});
