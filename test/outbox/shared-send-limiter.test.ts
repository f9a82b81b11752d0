import { SharedSendLimiter } from '../../src/outbox/shared-send-limiter';
import type { AppDatabase } from '../../src/storage/database';
import { testBackends } from '../support/test-databases';

const postgres = testBackends('limits').filter((backend) => backend.name === 'PostgreSQL');

// Windows of a minute, so the test never straddles one; Teams' real ones are a second and more.
const limits = { perConversation: [{ max: 6, windowMs: 60_000 }], perTenant: [{ max: 10, windowMs: 60_000 }] };

(postgres.length > 0 ? describe.each(postgres) : describe.skip.each(testBackends('limits')))('Teams limits shared through $name', (backend) => {
  let database: AppDatabase;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database.close();
    await backend.cleanUp();
  });

  it('counts the sends of every instance together, at half the published number per fixed window', async () => {
    const instances = [new SharedSendLimiter(database.pool!, limits), new SharedSendLimiter(database.pool!, limits)];
    const waits: number[] = [];
    // Five conversations, so only the tenant limit (10, so 5 per window) can hold sends back.
    for (let index = 0; index < 8; index++) waits.push(await instances[index % 2].reserve(`conversation-${index % 5}`, 'tenant-1'));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5).every((wait) => wait > 0 && wait <= 60_000)).toBe(true);
    // Another tenant has its own budget.
    expect(await instances[0].reserve('conversation-x', 'tenant-2')).toBe(0);
  });

  it('holds one conversation to its own limit', async () => {
    const limiter = new SharedSendLimiter(database.pool!, limits);
    const waits = [];
    for (let index = 0; index < 4; index++) waits.push(await limiter.reserve('conversation-busy', `own-tenant-${index}`));
    expect(waits.map((wait) => wait > 0)).toEqual([false, false, false, true]);
  });
});
