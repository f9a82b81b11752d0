import type { Clock } from '../../clock';
import { GraphError } from '../graph-error';
import { parseRetryAfter } from './retry-after';

export type Sleep = (ms: number) => Promise<void>;

/** Real timers; tests inject a recorder instead. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicyOptions {
  /** Retries after the first attempt (so at most `maxRetries + 1` requests). */
  maxRetries: number;
  /** Total time one call may spend waiting between attempts; past it, fail fast and say when to come back. */
  maxTotalWaitMs: number;
  clock: Clock;
  sleep: Sleep;
  /** In [0, 1): the jitter source. */
  random: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

type RetryAfterHeader = string | null | undefined;

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; retryAfterMs: number };

/**
 * When to try a throttled or unavailable Graph call again. Shared by the retry middleware and by `$batch`,
 * whose inner requests are throttled one by one.
 */
export class RetryPolicy {
  readonly sleep: Sleep;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: RetryPolicyOptions) {
    this.sleep = options.sleep;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 16_000;
  }

  /**
   * 429 and 503 mean the request was not processed, so any method may be retried. A 504 may come after the
   * work was done: only idempotent methods are retried, so a share or a mail is never made twice.
   */
  isRetryable(status: number, method: string): boolean {
    if (status === 429 || status === 503) return true;
    return status === 504 && method.toUpperCase() !== 'POST';
  }

  /** `retryAfter` may hold several headers (inner requests of a batch): the longest wait wins. */
  decide(input: { retriesSoFar: number; retryAfter: RetryAfterHeader | RetryAfterHeader[]; waitedMs: number }): RetryDecision {
    const asked = this.askedWait(input.retryAfter);
    const delayMs = asked ?? this.backoff(input.retriesSoFar);
    if (input.retriesSoFar >= this.options.maxRetries) return { retry: false, retryAfterMs: delayMs };
    if (input.waitedMs + delayMs > this.options.maxTotalWaitMs) return { retry: false, retryAfterMs: delayMs };
    return { retry: true, delayMs };
  }

  /** The error of a call we stopped retrying: throttled for 429, unavailable otherwise. */
  giveUp(input: { status: number; retryAfterMs: number; attempts: number; what: string }): GraphError {
    const reason = input.status === 429 ? 'throttled' : 'unavailable';
    return new GraphError(reason, `${input.what} still answered ${input.status} after ${input.attempts} attempt(s)`, {
      status: input.status,
      retryAfterMs: input.retryAfterMs,
    });
  }

  private askedWait(retryAfter: RetryAfterHeader | RetryAfterHeader[]): number | undefined {
    const now = this.options.clock.now();
    const waits = (Array.isArray(retryAfter) ? retryAfter : [retryAfter])
      .map((header) => parseRetryAfter(header, now))
      .filter((wait): wait is number => wait !== undefined);
    return waits.length === 0 ? undefined : Math.max(...waits);
  }

  /** Exponential backoff with "equal jitter": half the delay is fixed, half random, so clients spread out. */
  private backoff(retriesSoFar: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** retriesSoFar);
    return Math.round(ceiling / 2 + (ceiling / 2) * this.options.random());
  }
}
