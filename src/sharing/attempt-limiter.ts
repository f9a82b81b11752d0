import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface AttemptLimits {
  /** Failed attempts allowed in one window. */
  attempts: number;
  windowSeconds: number;
}

/** /accept: five wrong codes per person in 15 minutes (codes have about 10^9 values; see invitation-code). */
export const acceptCodeLimits: AttemptLimits = { attempts: 5, windowSeconds: 15 * 60 };

/**
 * Counts failed attempts per person (rate-limiter-flexible): in PostgreSQL when the bot runs there,
 * so every instance counts together, else in memory (SQLite means one instance).
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(options: { name: string; limits: AttemptLimits; pool?: Pool }) {
    const settings = { keyPrefix: options.name, points: options.limits.attempts, duration: options.limits.windowSeconds };
    this.limiter = options.pool
      ? new RateLimiterPostgres({ ...settings, storeClient: options.pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false })
      : new RateLimiterMemory(settings);
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  async waitMs(key: string): Promise<number> {
    const state = await this.limiter.get(key);
    return state && state.consumedPoints >= this.limiter.points ? Math.max(1, state.msBeforeNext) : 0;
  }

  /** Counts one failed attempt. */
  async failed(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      // Over the limit already: `waitMs` says so on the next attempt.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
  }
}
