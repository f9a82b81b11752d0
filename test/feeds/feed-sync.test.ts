import { randomBytes } from 'node:crypto';
import { FeedStore } from '../../src/feeds/feed-store';
import { ProcessStopped } from '../../src/feeds/feed-sync';
import { SecretBox } from '../../src/secrets/secret-box';
import { GraphError } from '../../src/graph/graph-error';
import type { NewFeed } from '../../src/feeds/feed-store';
import { emulatorToken } from '../../src/emulator';
import { alex } from '../support/demo-users';
import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { bigFeed, calendar, outlookFeed, vevent } from './fixtures/ics-fixtures';
import { startFeedKit, type FeedKit } from './feed-kit';

const window = 'startDateTime=2026-11-01T00:00:00Z&endDateTime=2027-12-31T00:00:00Z&$top=1000';

async function viewOf(kit: FeedKit, calendarId: string): Promise<Array<{ subject: string; start: string; type: string }>> {
  const response = await fetch(`${kit.emulator.baseUrl}/me/calendars/${calendarId}/calendarView?${window}`, {
    headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}`, prefer: 'outlook.timezone="Europe/Paris"' },
  });
  const body = (await response.json()) as { value: Array<{ subject: string; start: { dateTime: string }; type: string }> };
  return body.value.map((event) => ({ subject: event.subject, start: event.start.dateTime.slice(0, 16), type: event.type }));
}

const writes = (kit: FeedKit) => kit.emulator.control.requests().filter((request) => request.inBatch && request.method !== 'GET');
const graphCalls = (kit: FeedKit) => kit.emulator.control.requests();

describe.each(testBackends('feedsync'))('feed sync on $name', (backend) => {
  let database: AppDatabase;
  let kit: FeedKit;
  let calendarId: string;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startFeedKit(database);
    calendarId = (await kit.gateway.createCalendar({ userId: alex.aadObjectId }, { name: 'Team feed' })).id;
    kit.emulator.control.clearRequests();
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  const addFeed = (path: string, extra: Partial<NewFeed> = {}) =>
    kit.store.create({
      ownerId: alex.aadObjectId,
      name: 'Team',
      url: kit.feedUrl(path, '?token=SuperSecretToken123'),
      target: { calendarId, name: 'Team feed', createdByBot: true },
      floatingZone: 'Europe/Paris',
      refreshMinutes: 60,
      nextRunAt: kit.clock.now().toISOString(),
      ...extra,
    });

  it('syncs an Outlook feed into one series with its exceptions, then costs nothing while unchanged', async () => {
    kit.serve('/team.ics', { content: outlookFeed(), etags: true });
    const feed = await addFeed('/team.ics');
    const first = await kit.sync().sync(feed.id);
    expect(first).toMatchObject({ status: 'synced', report: { added: 2, changed: 0, removed: 0 } });
    expect(await viewOf(kit, calendarId)).toEqual([
      { subject: 'Point hebdo', start: '2026-11-24T10:00', type: 'occurrence' },
      { subject: 'Point hebdo (déplacé)', start: '2026-12-02T14:00', type: 'exception' },
      { subject: 'Point hebdo', start: '2026-12-15T10:00', type: 'occurrence' },
      { subject: 'Congés', start: '2026-12-21T00:00', type: 'singleInstance' },
      { subject: 'Point hebdo', start: '2026-12-22T10:00', type: 'occurrence' },
      { subject: 'Point hebdo', start: '2026-12-29T10:00', type: 'occurrence' },
    ]);
    kit.emulator.control.clearRequests();
    kit.clock.advance(2 * 3600_000);
    expect(await kit.sync().sync(feed.id)).toEqual({ status: 'notModified' });
    expect(graphCalls(kit)).toEqual([]);
    const stored = await kit.store.get(feed.id);
    expect(stored?.refreshMinutes).toBe(30);
    expect(Date.parse(stored?.nextRunAt ?? '')).toBe(kit.clock.now().getTime() + 30 * 60_000);
  });

  it('writes only what changed: one PATCH for one changed event, one DELETE for one removed, never other events', async () => {
    const served = kit.serve('/big.ics', { content: bigFeed(30), etags: false });
    const feed = await addFeed('/big.ics');
    await kit.gateway.writeEvents({ userId: alex.aadObjectId }, [
      { op: 'create', calendar: { calendarId }, transactionId: 'mine', properties: {}, event: { subject: 'My own', body: '', start: { dateTime: '2026-12-05T12:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-05T13:00:00', timeZone: 'UTC' }, isAllDay: false, showAs: 'busy', sensitivity: 'normal', location: '', categories: [] } },
    ]);
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 30 } });
    kit.emulator.control.clearRequests();
    expect(await kit.sync().sync(feed.id)).toEqual({ status: 'unchanged' });
    expect(graphCalls(kit)).toEqual([]);
    served.content = bigFeed(30, { index: 7, summary: 'Event 7 (moved room)' });
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 0, changed: 1, removed: 0 } });
    expect(writes(kit).map((request) => request.method)).toEqual(['PATCH']);
    kit.emulator.control.clearRequests();
    served.content = bigFeed(29);
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { changed: 1, removed: 1 } });
    const subjects = (await viewOf(kit, calendarId)).map((event) => event.subject);
    expect(subjects).toContain('My own');
    expect(subjects.filter((subject) => subject.startsWith('Event'))).toHaveLength(29);
  });

  it('keeps every event when the feed is malformed, gone or suddenly empty, and pauses after repeated failures', async () => {
    const served = kit.serve('/team.ics', { content: outlookFeed(), etags: false });
    const paused: string[] = [];
    const feed = await addFeed('/team.ics');
    await kit.sync().sync(feed.id);
    const before = await viewOf(kit, calendarId);
    served.content = outlookFeed().slice(0, 900);
    expect(await kit.sync().sync(feed.id)).toEqual({ status: 'failed', problem: 'malformed', paused: false });
    served.content = calendar({ events: [] });
    expect(await kit.sync().sync(feed.id)).toEqual({ status: 'failed', problem: 'emptied', paused: false });
    served.status = 410;
    const third = await kit.sync({ onPaused: (_, problem) => { paused.push(problem); return Promise.resolve(); } }).sync(feed.id);
    expect(third).toEqual({ status: 'failed', problem: 'gone', paused: true });
    expect(paused).toEqual(['gone']);
    expect(await viewOf(kit, calendarId)).toEqual(before);
    expect((await kit.store.get(feed.id))?.status).toBe('paused');
  });

  it('converges after a sync killed half-way, with no duplicates', async () => {
    kit.serve('/big.ics', { content: bigFeed(45), etags: true });
    const feed = await addFeed('/big.ics');
    let chunks = 0;
    const dying = kit.sync({
      afterChunk: () => {
        chunks += 1;
        if (chunks === 1) throw new ProcessStopped('killed');
        return Promise.resolve();
      },
    });
    await expect(dying.sync(feed.id)).rejects.toBeInstanceOf(ProcessStopped);
    expect((await kit.store.get(feed.id))?.dirty).toBe(true);
    // Another instance waits for the dead one's lease to run out, then finishes the job.
    expect(await kit.sync({ instanceId: 'instance-b' }).sync(feed.id)).toEqual({ status: 'busy' });
    kit.clock.advance(6 * 60_000);
    const outcome = await kit.sync({ instanceId: 'instance-b' }).sync(feed.id);
    expect(outcome).toMatchObject({ status: 'synced' });
    const events = (await viewOf(kit, calendarId)).map((event) => event.subject);
    expect(events).toHaveLength(45);
    expect(new Set(events).size).toBe(45);
    expect((await kit.store.items(feed.id)).size).toBe(45);
  });

  it('converges when the process died after Graph wrote but before anything was recorded', async () => {
    kit.serve('/big.ics', { content: bigFeed(25), etags: true });
    const feed = await addFeed('/big.ics');
    let calls = 0;
    const gateway = {
      ...kit.gateway,
      writeEvents: async (...args: Parameters<typeof kit.gateway.writeEvents>) => {
        const outcomes = await kit.gateway.writeEvents(...args);
        calls += 1;
        if (calls === 1) throw new ProcessStopped('killed after the write');
        return outcomes;
      },
    };
    await expect(kit.sync({ gateway }).sync(feed.id)).rejects.toBeInstanceOf(ProcessStopped);
    expect((await kit.store.items(feed.id)).size).toBe(0);
    kit.clock.advance(6 * 60_000);
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 5 } });
    const events = (await viewOf(kit, calendarId)).map((event) => event.subject);
    expect(events).toHaveLength(25);
    expect(new Set(events).size).toBe(25);
  });

  it('lets exactly one of two instances sync a feed at a time', async () => {
    kit.serve('/big.ics', { content: bigFeed(25), etags: true });
    const feed = await addFeed('/big.ics');
    const outcomes = await Promise.all([kit.sync({ instanceId: 'one' }).sync(feed.id), kit.sync({ instanceId: 'two' }).sync(feed.id)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['busy', 'synced']);
    expect((await viewOf(kit, calendarId)).length).toBe(25);
  });

  it('waits out a 429 Retry-After on one inner request', async () => {
    kit.serve('/big.ics', { content: bigFeed(5), etags: true });
    const feed = await addFeed('/big.ics');
    kit.emulator.control.injectFault({ method: 'POST', path: '/events$', status: 429, retryAfter: '7', times: 2 });
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 5 } });
    expect(kit.waits).toEqual([7000]);
    expect((await viewOf(kit, calendarId)).length).toBe(5);
  });

  it('stores no plaintext secret: URL and credentials are sealed, shown masked', async () => {
    const feed = await addFeed('/x.ics', { credentials: { kind: 'basic', user: 'alice', password: 'Pa55word!' } });
    const rows = await database.db.selectFrom('feeds').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const secret of ['SuperSecretToken123', 'Pa55word!', 'alice']) expect(dump).not.toContain(secret);
    expect(feed.urlMasked).toBe(`http://feeds.test:${kit.server.port}/x.ics?token=•••`);
    expect(feed.credentialsMasked).toBe('a••• / •••');
    expect((await kit.store.secretsOf(feed.id)).url).toContain('SuperSecretToken123');
  });

  it('never pauses a feed for lack of Graph access outside a turn', async () => {
    kit.serve('/big.ics', { content: bigFeed(3), etags: true });
    const feed = await addFeed('/big.ics');
    const noToken = { ...kit.gateway, writeEvents: () => Promise.resolve([0, 1, 2].map(() => ({ ok: false as const, error: new GraphError('unauthenticated', 'no token') }))) };
    for (let run = 0; run < 5; run++) {
      kit.clock.advance(25 * 3600_000);
      expect(await kit.sync({ gateway: noToken }).sync(feed.id)).toEqual({ status: 'failed', problem: 'signInNeeded', paused: false });
    }
    expect((await kit.store.get(feed.id))?.status).toBe('active');
  });

  it('seals again under a new key after rotation', async () => {
    kit.serve('/big.ics', { content: bigFeed(2), etags: true });
    const feed = await addFeed('/big.ics');
    const rotated = new FeedStore(database.db, new SecretBox([{ id: 'k2', key: randomBytes(32) }, kit.secretKey]), kit.clock);
    expect(await kit.sync({ store: rotated }).sync(feed.id)).toMatchObject({ status: 'synced' });
    const row = await database.db.selectFrom('feeds').select('url_sealed').where('id', '=', feed.id).executeTakeFirstOrThrow();
    expect(row.url_sealed).toMatch(/^v1\.k2\./);
    expect((await rotated.secretsOf(feed.id)).url).toContain('SuperSecretToken123');
  });

  it('expands an hourly rule in the window and adds occurrences as single events', async () => {
    kit.serve('/odd.ics', { content: calendar({ events: [vevent({ uid: 'h', summary: 'Shift', lines: ['DTSTART;TZID=Europe/Paris:20261201T080000', 'DURATION:PT1H', 'RRULE:FREQ=HOURLY;INTERVAL=4;COUNT=3'] })] }), etags: false });
    const feed = await addFeed('/odd.ics');
    const outcome = await kit.sync().sync(feed.id);
    expect(outcome).toMatchObject({ status: 'synced', report: { added: 3, warnings: [{ code: 'expanded', summary: 'Shift' }] } });
    expect((await viewOf(kit, calendarId)).map((event) => event.start)).toEqual(['2026-12-01T08:00', '2026-12-01T12:00', '2026-12-01T16:00']);
    // Two months later the occurrences are behind the window: they stay, nothing is written.
    kit.clock.advance(60 * 86400_000);
    kit.emulator.control.clearRequests();
    expect(await kit.sync().sync(feed.id)).toMatchObject({ status: 'synced', report: { added: 0, removed: 0 } });
    expect(writes(kit)).toEqual([]);
    expect((await viewOf(kit, calendarId)).length).toBe(3);
  });
});
