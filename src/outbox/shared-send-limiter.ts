import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { teamsLimits, type SendWindow } from './send-limiter';

/** The part of a limiter the dispatcher uses: how long to wait before the next send (0: send now, counted). */
export interface SendRateLimiter {
  reserve(conversation: string, tenant: string, now: number): number | Promise<number>;
}

/**
 * Teams' limits held across every instance on one PostgreSQL database (rate-limiter-flexible's
 * PostgreSQL store, in the `rate_limits` table). Its windows are fixed, one after the other, so a
 * sliding second can overlap two of them: each window allows half of Teams' number, which keeps
 * any second under the published limit.
 */
export class SharedSendLimiter implements SendRateLimiter {
  private readonly conversationLimiters: RateLimiterPostgres[];
  private readonly tenantLimiters: RateLimiterPostgres[];

  constructor(pool: Pool, limits: { perConversation: SendWindow[]; perTenant: SendWindow[] } = teamsLimits) {
    const limiter = (prefix: string) => (window: SendWindow, index: number) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true, // by the migration
        clearExpiredByTimeout: false, // the retention job deletes old rows
        keyPrefix: `${prefix}${index}`,
        points: Math.max(1, Math.floor(window.max / 2)),
        duration: window.windowMs / 1000,
      });
    this.conversationLimiters = limits.perConversation.map(limiter('teams-conversation-'));
    this.tenantLimiters = limits.perTenant.map(limiter('teams-tenant-'));
  }

  async reserve(conversation: string, tenant: string): Promise<number> {
    // The conversation first: its limits are rarely reached, so a tenant point is seldom spent for nothing.
    for (const limiter of this.conversationLimiters) {
      const wait = await consume(limiter, conversation);
      if (wait > 0) return wait;
    }
    for (const limiter of this.tenantLimiters) {
      const wait = await consume(limiter, tenant);
      if (wait > 0) return wait;
    }
    return 0;
  }
}

async function consume(limiter: RateLimiterPostgres, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
    throw rejection;
  }
}
