import { testBackends } from '../support/test-databases';
import type { AppDatabase } from '../../src/storage/database';
import { single, startSyncKit, type SyncKit } from './sync-kit';

describe.each(testBackends('twowaysched'))('two-way sync scheduling on $name', (backend) => {
  let database: AppDatabase;
  let kit: SyncKit;

  beforeEach(async () => {
    database = await backend.open();
    kit = await startSyncKit(database, `Sched-${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    await kit.close();
    await database.close();
  });
  afterAll(() => backend.cleanUp());

  it('one instance per pair at a time: a pair leased by another instance is left alone until its lease ends', async () => {
    await kit.createInOutlook(single('Bureau', '2026-12-02T09:00:00', '2026-12-02T10:00:00'));
    const pair = await kit.addPair();
    expect(await kit.store.tryLease(pair.id, 'instance-b', 10 * 60_000)).toBe(true);
    expect(await kit.engine().sync(pair.id)).toEqual({ status: 'busy' });
    expect(kit.caldavWrites()).toBe(0);
    kit.clock.advance(10 * 60_000 + 1);
    expect(await kit.engine().sync(pair.id)).toMatchObject({ status: 'synced', report: { toCaldav: { created: 1 } } });
  });

  it('runs due pairs, then waits the interval; failures back off (15 min, 30 min...) and paused pairs are skipped', async () => {
    const good = await kit.addPair();
    const bad = await kit.addPair({ password: 'wrong' });
    const first = await kit.engine().runDue();
    expect(first.map((run) => [run.pairId, run.outcome.status]).sort()).toEqual([[bad.id, 'failed'], [good.id, 'synced']].sort());
    expect(await kit.engine().runDue()).toEqual([]);
    const now = kit.clock.now().getTime();
    expect(new Date((await kit.store.get(good.id))?.nextRunAt ?? 0).getTime() - now).toBe(15 * 60_000);
    expect(new Date((await kit.store.get(bad.id))?.nextRunAt ?? 0).getTime() - now).toBe(15 * 60_000);
    kit.clock.advance(15 * 60_000);
    await kit.engine().runDue();
    expect(new Date((await kit.store.get(bad.id))?.nextRunAt ?? 0).getTime() - kit.clock.now().getTime()).toBe(30 * 60_000);
    await kit.store.update(good.id, { status: 'paused', pauseReason: 'user' });
    kit.clock.advance(60 * 60_000);
    const later = await kit.engine().runDue();
    expect(later.map((run) => run.pairId)).toEqual([bad.id]);
    expect(later[0].outcome).toEqual({ status: 'failed', problem: 'credentialsRefused', paused: true });
  });
});
