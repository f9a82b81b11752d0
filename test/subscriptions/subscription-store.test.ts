import { ManualClock } from '../../src/clock';
import type { AppDatabase } from '../../src/storage/database';
import { testBackends, type TestBackend } from '../support/test-databases';
import { SqlSubscriptionStore, type Subscription } from '../../src/subscriptions/subscription-store';

const megan = '00000000-0000-0000-0000-0000000000021';
const alex = '00000000-0000-0000-0000-0000000000020';

const phoenix: Omit<Subscription, 'id' | 'createdAt'> = {
  userId: megan,
  ownerAddress: 'alexw@example.com',
  ownerName: 'Alex Wilber',
  calendarId: 'cal-phoenix',
  calendarName: 'Project Phoenix',
  source: 'subscribe',
};

function describeStore(backend: TestBackend): void {
  describe(`SqlSubscriptionStore on ${backend.name}`, () => {
    let database: AppDatabase;
    let clock: ManualClock;
    let store: SqlSubscriptionStore;

    beforeEach(async () => {
      database = await backend.open();
      clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
      store = new SqlSubscriptionStore(database.db, clock);
    });
    afterEach(() => database.close());
    afterAll(() => backend.cleanUp());

    it('creates a subscription with an id and the time it started', async () => {
      const created = await store.upsert(phoenix);
      expect(created).toEqual({ ...phoenix, id: expect.any(String) as unknown, createdAt: '2026-03-02T09:00:00.000Z' });
      expect(await store.get(created.id)).toEqual(created);
      expect(await store.listFor(megan)).toEqual([created]);
    });

    it('keeps one record per calendar: a second upsert (any address case) updates it and keeps what it knew', async () => {
      const first = await store.upsert({ ...phoenix, source: 'invitation', role: 'read', listEntryId: 'entry-1' });
      await store.setAlias(first.id, 'Phoenix');
      clock.advance(60_000);
      const second = await store.upsert({ ...phoenix, ownerAddress: ' AlexW@Example.com', calendarName: 'Phoenix (renamed)' });
      expect(second).toEqual({
        ...phoenix,
        id: first.id,
        calendarName: 'Phoenix (renamed)',
        role: 'read',
        alias: 'Phoenix',
        listEntryId: 'entry-1',
        createdAt: first.createdAt,
      });
      expect(await store.listFor(megan)).toHaveLength(1);
    });

    it('updates the role when the new input knows it', async () => {
      await store.upsert({ ...phoenix, role: 'limitedRead' });
      const updated = await store.upsert({ ...phoenix, role: 'read', source: 'invitation' });
      expect(updated).toMatchObject({ role: 'read', source: 'invitation' });
    });

    it('keeps each person and each calendar apart, oldest first', async () => {
      const a = await store.upsert(phoenix);
      clock.advance(1000);
      const b = await store.upsert({ ...phoenix, calendarId: 'cal-offsite', calendarName: 'Team Offsite' });
      const other = await store.upsert({ ...phoenix, userId: alex });
      expect((await store.listFor(megan)).map((s) => s.id)).toEqual([a.id, b.id]);
      expect((await store.listFor(alex)).map((s) => s.id)).toEqual([other.id]);
      expect(await store.listFor('nobody')).toEqual([]);
    });

    it('sets and clears the alias and the list entry', async () => {
      const created = await store.upsert(phoenix);
      await store.setAlias(created.id, 'Phoenix');
      await store.setListEntry(created.id, 'entry-9');
      expect(await store.get(created.id)).toMatchObject({ alias: 'Phoenix', listEntryId: 'entry-9' });
      await store.setAlias(created.id, undefined);
      await store.setListEntry(created.id, undefined);
      const cleared = await store.get(created.id);
      expect(cleared).not.toHaveProperty('alias');
      expect(cleared).not.toHaveProperty('listEntryId');
    });

    it('removes a subscription; unknown ids are absent', async () => {
      const created = await store.upsert(phoenix);
      await store.remove(created.id);
      expect(await store.get(created.id)).toBeUndefined();
      expect(await store.listFor(megan)).toEqual([]);
      await expect(store.remove('missing')).resolves.toBeUndefined();
    });
  });
}

for (const backend of testBackends('subscriptions_test')) describeStore(backend);
