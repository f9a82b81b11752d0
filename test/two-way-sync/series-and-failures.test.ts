import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { caldavObjects, outlookItems, parisZone, single, startSyncKit, type SyncKit, vcalendar, wideWindow } from './sync-kit';

const user = { userId: alex.aadObjectId };

describe.each(testBackends('twowayseries'))('two-way sync of series and failures on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `Series-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());


  it('a CalDAV series with a moved and a cancelled occurrence becomes one Outlook series with those exceptions', async () => {
    const client = await kit.direct();
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
    expect(await kit.engine().sync(pair.id)).toMatchObject({ status: 'synced', report: { toOutlook: { created: 1 } } });
    const [series] = await outlookItems(kit);
    expect(series.event.content.recurrence?.pattern).toMatchObject({ type: 'weekly', daysOfWeek: ['tuesday'] });
    expect(series.event.exceptions.map((exception) => (exception.cancelled ? [exception.originalStart, 'cancelled'] : [exception.originalStart, exception.content.subject, exception.content.start]))).toEqual([
      ['2026-12-01T09:00:00.000Z', 'Point hebdo (déplacé)', { dateTime: '2026-12-02T14:00:00', timeZone: 'Europe/Paris' }],
      ['2026-12-08T09:00:00.000Z', 'cancelled'],
    ]);
    const writes = kit.graphWrites();
    const caldavWrites = kit.caldavWrites();
    expect(await kit.engine().sync(pair.id)).toMatchObject({ report: { toOutlook: { created: 0, updated: 0 }, toCaldav: { created: 0, updated: 0 } } });
    expect(kit.graphWrites()).toBe(writes);
    expect(kit.caldavWrites()).toBe(caldavWrites);
  });

  it('an Outlook series with a moved and a cancelled occurrence becomes one CalDAV object with RRULE, EXDATE and RECURRENCE-ID', async () => {
    const id = await kit.createInOutlook({
      ...single('Revue produit', '2026-11-25T15:00:00', '2026-11-25T16:00:00', 'W. Europe Standard Time'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['wednesday'], firstDayOfWeek: 'monday' }, range: { type: 'numbered', startDate: '2026-11-25', numberOfOccurrences: 4 } },
    });
    const instances = await kit.gateway.listInstances(user, { calendar: { calendarId: kit.outlookCalendarId }, eventId: id, start: wideWindow.start, end: wideWindow.end });
    await kit.gateway.writeEvents(user, [
      { op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: instances[1].id, event: { subject: 'Revue produit (jeudi)', start: { dateTime: '2026-12-03T15:00:00', timeZone: 'Europe/Berlin' }, end: { dateTime: '2026-12-03T16:00:00', timeZone: 'Europe/Berlin' } } },
      { op: 'delete', calendar: { calendarId: kit.outlookCalendarId }, eventId: instances[2].id },
    ]);
    const pair = await kit.addPair();
    expect(await kit.engine().sync(pair.id)).toMatchObject({ status: 'synced', report: { toCaldav: { created: 1 } } });
    const [object] = await caldavObjects(kit);
    expect(object.data).toMatch(/DTSTART;TZID=Europe\/Berlin:20261125T150000/);
    expect(object.data).toMatch(/RRULE:FREQ=WEEKLY;.*COUNT=4/);
    expect(object.data).toMatch(/EXDATE;TZID=Europe\/Berlin:20261209T150000/);
    expect(object.data).toMatch(/RECURRENCE-ID;TZID=Europe\/Berlin:20261202T150000/);
    expect(object.data).toContain('SUMMARY:Revue produit (jeudi)');
    const writes = kit.graphWrites();
    const caldavWrites = kit.caldavWrites();
    await kit.engine().sync(pair.id);
    expect(kit.graphWrites()).toBe(writes);
    expect(kit.caldavWrites()).toBe(caldavWrites);
  });

  it('an occurrence moved in Outlook after the first sync reaches the CalDAV series, and one cancelled on CalDAV reaches Outlook', async () => {
    const client = await kit.direct();
    await client.create(
      kit.caldavCalendarUrl,
      'daily.ics',
      vcalendar('BEGIN:VEVENT', 'UID:daily-1', 'DTSTAMP:20261120T080000Z', 'DTSTART:20261124T080000Z', 'DTEND:20261124T083000Z', 'RRULE:FREQ=DAILY;COUNT=5', 'SUMMARY:Standup', 'END:VEVENT'),
    );
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    const [series] = await outlookItems(kit);
    const instances = await kit.gateway.listInstances(user, { calendar: { calendarId: kit.outlookCalendarId }, eventId: series.id, start: wideWindow.start, end: wideWindow.end });
    await kit.gateway.writeEvents(user, [{ op: 'update', calendar: { calendarId: kit.outlookCalendarId }, eventId: instances[2].id, event: { subject: 'Standup (tard)', start: { dateTime: '2026-11-26T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-26T10:30:00', timeZone: 'UTC' } } }]);
    expect(await kit.engine().sync(pair.id)).toMatchObject({ status: 'synced', report: { toCaldav: { updated: 1 }, toOutlook: { updated: 0 } } });
    const [object] = await caldavObjects(kit);
    expect(object.data).toMatch(/RECURRENCE-ID:20261126T080000Z/);
    expect(object.data).toContain('SUMMARY:Standup (tard)');

    // Now the phone cancels Friday's standup on the CalDAV side.
    const fresh = (await caldavObjects(kit))[0];
    await client.update(kit.caldavCalendarUrl, fresh.href, fresh.etag, fresh.data.replace('RRULE:FREQ=DAILY;COUNT=5', 'RRULE:FREQ=DAILY;COUNT=5\r\nEXDATE:20261128T080000Z'));
    expect(await kit.engine().sync(pair.id)).toMatchObject({ status: 'synced', report: { toOutlook: { updated: 1 }, toCaldav: { updated: 0 } } });
    const [after] = await outlookItems(kit);
    expect(after.event.exceptions.map((exception) => [exception.originalStart, exception.cancelled ? 'cancelled' : exception.content.subject])).toEqual([
      ['2026-11-26T08:00:00.000Z', 'Standup (tard)'],
      ['2026-11-28T08:00:00.000Z', 'cancelled'],
    ]);
    const writes = kit.graphWrites();
    const caldavWrites = kit.caldavWrites();
    await kit.engine().sync(pair.id);
    expect([kit.graphWrites() - writes, kit.caldavWrites() - caldavWrites]).toEqual([0, 0]);
  });

  it('wrong credentials fail with a plain problem and pause the pair after repeated failures', async () => {
    const pair = await kit.addPair({ password: 'not-the-password' });
    const outcomes = [];
    for (let run = 0; run < 3; run += 1) outcomes.push(await kit.engine().sync(pair.id));
    expect(outcomes.map((outcome) => outcome.status === 'failed' && [outcome.problem, outcome.paused])).toEqual([
      ['credentialsRefused', false],
      ['credentialsRefused', false],
      ['credentialsRefused', true],
    ]);
    expect(await kit.store.get(pair.id)).toMatchObject({ status: 'paused', pauseReason: 'credentialsRefused' });
  });

  it('one side suddenly empty: the sync stops and asks instead of deleting the other side', async () => {
    const client = await kit.direct();
    for (const n of [1, 2, 3]) {
      await client.create(kit.caldavCalendarUrl, `e${n}.ics`, vcalendar('BEGIN:VEVENT', `UID:e${n}`, 'DTSTAMP:20261120T080000Z', `DTSTART:2026121${n}T090000Z`, `DTEND:2026121${n}T100000Z`, `SUMMARY:E${n}`, 'END:VEVENT'));
    }
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    for (const ref of await client.listObjects(kit.caldavCalendarUrl)) await client.delete(ref.href, ref.etag);
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toEqual({ status: 'failed', problem: 'caldavEmptied', paused: true });
    expect(await outlookItems(kit)).toHaveLength(3);
    // Confirmed by its owner, the deletions go through.
    const confirmed = await kit.engine().sync(pair.id, { confirmEmptied: true });
    expect(confirmed).toMatchObject({ status: 'synced', report: { toOutlook: { deleted: 3 } } });
    expect(await outlookItems(kit)).toHaveLength(0);
  });

  it('the Outlook side suddenly empty (seen by the delta round): the sync stops and asks instead of deleting the CalDAV events', async () => {
    const client = await kit.direct();
    for (const n of [1, 2, 3]) {
      await client.create(kit.caldavCalendarUrl, `o${n}.ics`, vcalendar('BEGIN:VEVENT', `UID:o${n}`, 'DTSTAMP:20261120T080000Z', `DTSTART:2026121${n}T090000Z`, `DTEND:2026121${n}T100000Z`, `SUMMARY:O${n}`, 'END:VEVENT'));
    }
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    const items = await outlookItems(kit);
    expect(items).toHaveLength(3);
    await kit.gateway.writeEvents(user, items.map((item) => ({ op: 'delete' as const, calendar: { calendarId: kit.outlookCalendarId }, eventId: item.id })));
    expect(await kit.engine().sync(pair.id)).toEqual({ status: 'failed', problem: 'outlookEmptied', paused: true });
    expect(await client.listObjects(kit.caldavCalendarUrl)).toHaveLength(3);
    const confirmed = await kit.engine().sync(pair.id, { confirmEmptied: true });
    expect(confirmed).toMatchObject({ status: 'synced', report: { toCaldav: { deleted: 3 } } });
    expect(await client.listObjects(kit.caldavCalendarUrl)).toHaveLength(0);
  });

  it('the CalDAV server stopping in the middle of a sync loses nothing; the next run converges without duplicates', async () => {
    for (const n of [1, 2, 3, 4]) await kit.createInOutlook(single(`Réunion ${n}`, `2026-12-1${n}T09:00:00`, `2026-12-1${n}T10:00:00`));
    const pair = await kit.addPair();
    let writes = 0;
    const stopping = kit.engine({
      beforeWrite: async (side) => {
        if (side !== 'caldav') return;
        writes += 1;
        if (writes === 3) await kit.radicale.stop();
      },
    });
    const interrupted = await stopping.sync(pair.id);
    expect(interrupted).toMatchObject({ status: 'failed', problem: 'unreachable', paused: false });
    await kit.radicale.start();
    const next = await kit.engine().sync(pair.id);
    expect(next).toMatchObject({ status: 'synced', report: { toCaldav: { created: 2 }, toOutlook: { created: 0 } } });
    const objects = await caldavObjects(kit);
    expect(objects.map((object) => /SUMMARY:(.*)/.exec(object.data)?.[1]?.trim()).sort()).toEqual(['Réunion 1', 'Réunion 2', 'Réunion 3', 'Réunion 4']);
    expect(await outlookItems(kit)).toHaveLength(4);
    expect(await kit.engine().sync(pair.id)).toMatchObject({ report: { toCaldav: { created: 0, updated: 0 }, toOutlook: { created: 0, updated: 0 } } });
  });

  it('the CalDAV calendar deleted: a plain problem, no change on Outlook', async () => {
    await kit.createInOutlook(single('Seul', '2026-12-14T09:00:00', '2026-12-14T10:00:00'));
    const pair = await kit.addPair();
    await kit.engine().sync(pair.id);
    await fetch(kit.caldavCalendarUrl, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from('alex:app-pass-2026').toString('base64')}` } });
    const outcome = await kit.engine().sync(pair.id);
    expect(outcome).toMatchObject({ status: 'failed', problem: 'calendarGone' });
    expect(await outlookItems(kit)).toHaveLength(1);
  });
});
