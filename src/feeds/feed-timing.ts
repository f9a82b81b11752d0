/** When feeds sync again: the feed's own interval within bounds, with jitter; failures back off. */

export const minRefreshMinutes = 15;
export const maxRefreshMinutes = 24 * 60;
export const defaultRefreshMinutes = 60;
/** Consecutive failures before a feed is paused and its owner told. */
export const failuresBeforePause = 3;

/** REFRESH-INTERVAL / X-PUBLISHED-TTL clamped to 15 min .. 24 h; 1 h when the feed does not say. */
export function clampRefresh(minutes: number | undefined): number {
  if (minutes === undefined || !Number.isFinite(minutes) || minutes <= 0) return defaultRefreshMinutes;
  return Math.round(Math.min(maxRefreshMinutes, Math.max(minRefreshMinutes, minutes)));
}

/** The interval plus up to 10 % jitter, so feeds added together do not all sync together. */
export function nextRunAfterSuccess(now: Date, refreshMinutes: number, random: () => number): Date {
  const interval = clampRefresh(refreshMinutes) * 60_000;
  return new Date(now.getTime() + interval + Math.floor(interval * 0.1 * random()));
}

/** 15 min, 30 min, 1 h ... up to 24 h. */
export function nextRunAfterFailure(now: Date, failures: number): Date {
  const minutes = Math.min(maxRefreshMinutes, minRefreshMinutes * 2 ** Math.max(0, failures - 1));
  return new Date(now.getTime() + minutes * 60_000);
}

/** A feed that is gone or refuses us will not heal alone: paused after repeated failures. Graph being busy never pauses. */
export function shouldPause(problem: string, failures: number): boolean {
  if (problem === 'signInNeeded') return false;
  if (problem === 'graphBusy' || problem === 'network' || problem === 'timeout') return failures >= failuresBeforePause * 3;
  return failures >= failuresBeforePause;
}
