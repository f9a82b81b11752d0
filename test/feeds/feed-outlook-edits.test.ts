import { emulatorToken } from '../../src/emulator';
import type { EventContent } from '../../src/graph/event-gateway';
import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { bigFeed, outlookFeed } from './fixtures/ics-fixtures';
import { startFeedKit, type FeedKit } from './feed-kit';

const window = 'startDateTime=2026-11-01T00:00:00Z&endDateTime=2027-12-31T00:00:00Z&$top=1000';

async function viewOf(kit: FeedKit, calendarId: string): Promise<Array<{ id: string; subject: string; start: string; type: string }>> {
  const response = await fetch(`${kit.emulator.baseUrl}/me/calendars/${calendarId}/calendarView?${window}`, {
    headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}`, prefer: 'outlook.timezone="Europe/Paris"' },
  });
  const body = (await response.json()) as { value: Array<{ id: string; subject: string; start: { dateTime: string }; type: string }> };
  return body.value.map((event) => ({ id: event.id, subject: event.subject, start: event.start.dateTime.slice(0, 16), type: event.type }));
}

const ownEvent: EventContent = {
  subject: 'My own',
  body: '',
  start: { dateTime: '2026-12-05T12:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-12-05T13:00:00', timeZone: 'UTC' },
  isAllDay: false,
  showAs: 'busy',
  sensitivity: 'normal',
  location: '',
  categories: [],
};

describe.each(testBackends('feedoutlook'))('events changed in Outlook, on $name', (backend) => {
  let database: AppDatabase;
  let kit: FeedKit;
  let calendarId: string;
  const me = { userId: alex.aadObjectId };

  beforeEach(async () => {
    database = await backend.open();
    kit = await startFeedKit(database);
    calendarId = (await kit.gateway.createCalendar(me, { name: 'Team feed' })).id;
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  const addFeed = (path: string) =>
    kit.store.create({
      ownerId: alex.aadObjectId,
      name: 'Team',
      url: kit.feedUrl(path),
      target: { calendarId, name: 'Team feed', createdByBot: true },
      floatingZone: 'Europe/Paris',
      refreshMinutes: 60,
      nextRunAt: kit.clock.now().toISOString(),
    });
  const inOutlook = (operation: { op: 'update'; eventId: string; event: Partial<EventContent> } | { op: 'delete'; eventId: string }) =>
    kit.gateway.writeEvents(me, [{ ...operation, calendar: { calendarId } }]);

  it('puts back an event edited in Outlook and one deleted there at the next sync that runs, never the user’s own', async () => {
    const served = kit.serve('/big.ics', { content: bigFeed(10), etags: true });
    const feed = await addFeed('/big.ics');
    const [own] = await kit.gateway.writeEvents(me, [{ op: 'create', calendar: { calendarId }, transactionId: 'mine', properties: {}, event: ownEvent }]);
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 10 } });
    const before = await viewOf(kit, calendarId);
    const edited = before.find((event) => event.subject === 'Event 3');
    const deleted = before.find((event) => event.subject === 'Event 5');
    await inOutlook({ op: 'update', eventId: edited?.id ?? '', event: { subject: 'Event 3 (my notes)' } });
    await inOutlook({ op: 'delete', eventId: deleted?.id ?? '' });
    await inOutlook({ op: 'update', eventId: own.ok ? (own.value.id ?? '') : '', event: { subject: 'My own (edited)' } });

    // The feed itself has not changed: the 304 costs no Graph call, so Outlook's edits stay for now.
    kit.emulator.control.clearRequests();
    expect(await kit.sync().sync(feed.id)).toEqual({ status: 'notModified' });
    expect(kit.emulator.control.requests()).toEqual([]);

    served.content = bigFeed(10, { index: 8, summary: 'Event 8 (new room)' });
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 1, changed: 2, removed: 0 } });
    const subjects = (await viewOf(kit, calendarId)).map((event) => event.subject).sort();
    expect(subjects).toEqual(['Event 0', 'Event 1', 'Event 2', 'Event 3', 'Event 4', 'Event 5', 'Event 6', 'Event 7', 'Event 8 (new room)', 'Event 9', 'My own (edited)']);
    expect((await kit.store.items(feed.id)).size).toBe(10);

    // Once put back, the next change writes only what changed in the feed.
    kit.emulator.control.clearRequests();
    served.content = bigFeed(10, { index: 1, summary: 'Event 1 (later)' });
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 0, changed: 2 } });
    expect(kit.emulator.control.requests().filter((request) => request.inBatch && request.method !== 'GET').map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('brings back an occurrence of a synced series deleted in Outlook', async () => {
    const served = kit.serve('/team.ics', { content: outlookFeed(), etags: true });
    const feed = await addFeed('/team.ics');
    await kit.sync().sync(feed.id);
    const before = await viewOf(kit, calendarId);
    const occurrence = before.find((event) => event.start === '2026-12-15T10:00');
    await inOutlook({ op: 'delete', eventId: occurrence?.id ?? '' });
    expect((await viewOf(kit, calendarId)).length).toBe(before.length - 1);

    served.content = outlookFeed().replace('SUMMARY:Congés', 'SUMMARY:Congés de Noël');
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced' });
    const after = (await viewOf(kit, calendarId)).map(({ subject, start, type }) => ({ subject, start, type }));
    expect(after).toEqual([
      { subject: 'Point hebdo', start: '2026-11-24T10:00', type: 'occurrence' },
      { subject: 'Point hebdo (déplacé)', start: '2026-12-02T14:00', type: 'exception' },
      { subject: 'Point hebdo', start: '2026-12-15T10:00', type: 'occurrence' },
      { subject: 'Congés de Noël', start: '2026-12-21T00:00', type: 'singleInstance' },
      { subject: 'Point hebdo', start: '2026-12-22T10:00', type: 'occurrence' },
      { subject: 'Point hebdo', start: '2026-12-29T10:00', type: 'occurrence' },
    ]);
  });
});
