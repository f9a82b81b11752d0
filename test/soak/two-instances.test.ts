import { runSoak } from './soak-run';

const databaseUrl = process.env.TEST_DATABASE_URL;

/**
 * The two-process soak at a reduced size (`npm run soak` runs 500): every invitation delivered
 * exactly once although Teams throttles and fails sends and one process is SIGKILLed mid-way.
 */
(databaseUrl ? describe : describe.skip)('two bot processes on one PostgreSQL, one killed mid-way', () => {
  it('deliver every invitation exactly once, within Teams\' tenant rate, leaving nothing pending', async () => {
    const result = await runSoak({ invitations: 80, databaseUrl: databaseUrl ?? '', timeoutMs: 80_000 });
    expect(result).toMatchObject({ deliveredOnce: 80, duplicated: 0, missing: 0, notSent: 0 });
    expect(result.busiestSecond).toBeLessThanOrEqual(result.tenantLimit);
    expect(result.killedAfter).toBeGreaterThanOrEqual(40);
    expect(result.killedAfter).toBeLessThan(80);
  }, 100_000);
});
