/** Statuses Teams asks bots to retry: throttled, precondition failed, bad gateway, gateway timeout. */
export const retryableStatuses = new Set([429, 412, 502, 504, 500, 503]);

export const maxDeliveryAttempts = 8;

/**
 * Exponential backoff with full jitter, capped at 5 minutes. A Retry-After from Teams wins when
 * it is longer. `random` is injectable so tests are deterministic.
 */
export function backoffMs(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
