import { ManualClock } from '../../src/clock';
import { OutboxStore } from '../../src/outbox/outbox-store';
import { RetentionJob, defaultRetentionAges } from '../../src/retention/retention-job';
import type { AppDatabase } from '../../src/storage/database';
import { testBackends } from '../support/test-databases';

/** The outbox store's contract, on every database the bot runs on: what several instances rely on. */
describe.each(testBackends('outbox'))('outbox store on $name', (backend) => {
  let database: AppDatabase;
  let clock: ManualClock;
  let first: OutboxStore;
  let second: OutboxStore;
  beforeEach(async () => {
    database = await backend.open();
    clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
    first = new OutboxStore(database.db, clock, { owner: 'instance-1', leaseMs: 10_000 });
    second = new OutboxStore(database.db, clock, { owner: 'instance-2', leaseMs: 10_000 });
  });
  afterEach(() => database.close());
  afterAll(() => backend.cleanUp());

  const queue = async (count: number) => {
    for (let index = 0; index < count; index++) {
      await first.enqueue({ userId: `user-${index}`, payload: JSON.stringify({ replies: [] }), dedupeKey: `key-${index}` });
      clock.advance(1);
    }
  };
  const statuses = async () =>
    (await database.db.selectFrom('outbox').select(['dedupe_key', 'status', 'lease_owner']).orderBy('created_at').execute()).map((row) => [row.dedupe_key, row.status, row.lease_owner]);

  it('ignores a second enqueue with the same dedupe key, and a used key', async () => {
    await queue(1);
    await first.enqueue({ userId: 'user-0', payload: '{}', dedupeKey: 'key-0' });
    expect(await first.claimKey('key-0')).toBe(false);
    expect(await first.claimKey('other')).toBe(true);
    expect(await first.claimKey('other')).toBe(false);
    expect(await first.claimDue(10)).toHaveLength(1);
  });

  it('gives each due entry to one instance, with its owner token', async () => {
    await queue(3);
    const [a, b] = await Promise.all([first.claimDue(10), second.claimDue(10)]);
    expect([...a, ...b].map((entry) => entry.id).sort()).toHaveLength(3);
    expect(new Set([...a, ...b].map((entry) => entry.id)).size).toBe(3);
    expect((await statuses()).every(([, status, owner]) => status === 'sending' && (owner === 'instance-1' || owner === 'instance-2'))).toBe(true);
  });

  it('finds nothing to claim while another instance holds every due entry', async () => {
    await queue(2);
    expect(await first.claimDue(10)).toHaveLength(2);
    const none = await second.claimDue(10);
    expect(none).toHaveLength(0);
    expect(none.contended).toBeUndefined();
  });

  it('lets only the lease holder end an entry: a late answer from another instance changes nothing', async () => {
    await queue(1);
    const [entry] = await first.claimDue(1);
    expect(await second.markSent(entry.id)).toBe(false);
    expect(await second.retryLater(entry.id, 1, 1000, 'late')).toBe(false);
    expect(await second.markFailed(entry.id, 1, 'late')).toBe(false);
    expect(await first.markSent(entry.id)).toBe(true);
    // Sent: nobody can put it back to pending, not even the former holder.
    expect(await first.retryLater(entry.id, 1, 1000, 'late')).toBe(false);
    expect(await statuses()).toEqual([['key-0', 'sent', null]]);
  });

  it('keeps an entry while its holder renews the lease, and hands it over once the holder stops', async () => {
    await queue(1);
    const [entry] = await first.claimDue(1);
    clock.advance(8_000);
    expect(await first.renew([entry.id])).toEqual([entry.id]);
    clock.advance(8_000); // 16 s after the claim, 8 s after the renewal
    expect(await second.claimDue(1)).toEqual([]);
    clock.advance(2_001);
    const [taken] = await second.claimDue(1);
    expect(taken.id).toBe(entry.id);
    // The stalled first instance learns it lost the entry, and cannot mark it.
    expect(await first.renew([entry.id])).toEqual([]);
    expect(await first.markSent(entry.id)).toBe(false);
    expect(await second.markSent(entry.id)).toBe(true);
  });

  it("keeps one person's messages in order across instances: a later one waits for the older", async () => {
    for (const key of ['first', 'second']) {
      await first.enqueue({ userId: 'same-person', payload: '[]', dedupeKey: key });
      clock.advance(1);
    }
    const [older] = await first.claimDue(10);
    expect(await second.claimDue(10)).toEqual([]);
    // Retried later: the newer one still waits behind it.
    await first.retryLater(older.id, 1, 60_000, 'throttled');
    expect(await second.claimDue(10)).toEqual([]);
    clock.advance(60_000);
    const [again] = await second.claimDue(10);
    expect(again.id).toBe(older.id);
    await second.markSent(again.id);
    expect(await first.claimDue(10)).toHaveLength(1);
  });

  it('makes a retried entry due again only after its delay', async () => {
    await queue(1);
    const [entry] = await first.claimDue(1);
    expect(await first.retryLater(entry.id, 1, 5_000, 'throttled')).toBe(true);
    expect(await second.claimDue(1)).toEqual([]);
    clock.advance(5_000);
    expect(await second.claimDue(1)).toMatchObject([{ id: entry.id, attempts: 1, lastError: 'throttled' }]);
  });

  it('retention clears old contents first, then the dedupe key, and leaves pending entries alone', async () => {
    await queue(3);
    const entries = await first.claimDue(2);
    await first.markSent(entries[0].id);
    await first.markFailed(entries[1].id, 8, 'gone');
    await first.retryLater((await first.claimDue(1))[0]?.id ?? '', 0, 0, 'x');
    const job = new RetentionJob({ db: database.db, clock, ages: defaultRetentionAges });
    clock.advance(31 * 24 * 3600_000);
    expect(await job.run()).toMatchObject({ outboxContentsCleared: 2, dedupeKeysDeleted: 0 });
    await first.enqueue({ userId: 'user-0', payload: '{"replies":[]}', dedupeKey: 'key-0' });
    expect((await database.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', 'key-0').executeTakeFirstOrThrow()).payload).toBe('[]');
    clock.advance(60 * 24 * 3600_000);
    expect(await job.run()).toMatchObject({ dedupeKeysDeleted: 2 });
    expect((await statuses()).map(([key, status]) => [key, status])).toEqual([['key-2', 'pending']]);
  });

  it('retention deletes old drafts, idle turn state and expired rate-limit windows, and keeps recent ones', async () => {
    const old = clock.now().toISOString();
    await database.db.insertInto('share_drafts').values({ id: 'draft-old', owner_user_id: 'u', status: 'confirmed', payload: '{}', created_at: old, updated_at: old }).execute();
    await database.db.insertInto('bot_state').values({ key: 'state-old', value: '{}', etag: '1', updated_at: old }).execute();
    await database.db.insertInto('rate_limits').values({ key: 'window-old', points: 3, expire: clock.now().getTime() }).execute();
    clock.advance(200 * 24 * 3600_000);
    const recent = clock.now().toISOString();
    await database.db.insertInto('share_drafts').values({ id: 'draft-new', owner_user_id: 'u', status: 'open', payload: '{}', created_at: recent, updated_at: recent }).execute();
    await database.db.insertInto('bot_state').values({ key: 'state-new', value: '{}', etag: '1', updated_at: recent }).execute();
    const report = await new RetentionJob({ db: database.db, clock, ages: defaultRetentionAges }).run();
    expect(report).toMatchObject({ draftsDeleted: 1, botStatesDeleted: 1 });
    expect((await database.db.selectFrom('share_drafts').select('id').execute()).map((row) => row.id)).toEqual(['draft-new']);
    expect((await database.db.selectFrom('bot_state').select('key').execute()).map((row) => row.key)).toEqual(['state-new']);
    // A rate-limit window that ended more than an hour before the job's time is gone.
    expect(await database.db.selectFrom('rate_limits').select('key').execute()).toEqual([]);
  });
});
