import { ManualClock } from '../../src/clock';
import { openDatabase, type AppDatabase } from '../../src/storage/database';
import { AccessRequestStore, type NewAccessRequest } from '../../src/subscriptions/access-request-store';

const request: NewAccessRequest = {
  requesterId: 'megan-id',
  requesterAddress: 'meganb@example.com',
  requesterName: 'Megan Bowen',
  ownerId: 'alex-id',
  ownerAddress: 'AlexW@example.com',
  ownerName: 'Alex Wilber',
  channel: 'teams',
};

describe('AccessRequestStore', () => {
  let database: AppDatabase;
  let clock: ManualClock;
  let store: AccessRequestStore;
  beforeEach(async () => {
    database = await openDatabase({ sqliteFile: ':memory:' });
    clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
    store = new AccessRequestStore(database.db, clock);
  });
  afterEach(() => database.close());

  it('records a pending request and finds it by requester and owner, any address case', async () => {
    const created = await store.create(request);
    expect(created).toMatchObject({ ...request, ownerAddress: 'alexw@example.com', status: 'pending', createdAt: '2026-11-23T09:00:00.000Z' });
    expect(await store.get(created.id)).toEqual(created);
    expect(await store.findPending('megan-id', 'alexw@EXAMPLE.com')).toEqual(created);
    expect(await store.findPending('alex-id', 'alexw@example.com')).toBeUndefined();
  });

  it('declines once: a second answer changes nothing', async () => {
    const created = await store.create(request);
    clock.advance(60_000);
    expect(await store.decline(created.id)).toBe(true);
    expect(await store.decline(created.id)).toBe(false);
    expect(await store.get(created.id)).toMatchObject({ status: 'declined', answeredAt: '2026-11-23T09:01:00.000Z' });
    expect(await store.findPending('megan-id', 'alexw@example.com')).toBeUndefined();
    expect(await store.decline('missing')).toBe(false);
  });
});
