import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { FeedStore } from './feed-store';
import type { FeedSync } from './feed-sync';

/**
 * Runs the feeds whose time has come. Several instances may run it at once: each feed's lease lets
 * exactly one of them sync it. The runtime calls it on a timer; tests call it with a fake clock.
 */
export class FeedScheduler {
  constructor(private readonly deps: { store: FeedStore; sync: FeedSync; clock: Clock; logger?: Logger }) {}

  /** Syncs every due feed once; returns how many this instance synced. */
  async runDue(): Promise<number> {
    let synced = 0;
    for (const feed of await this.deps.store.listDue(this.deps.clock.now())) {
      try {
        const outcome = await this.deps.sync.sync(feed.id);
        if (outcome.status !== 'busy') synced += 1;
      } catch (error) {
        this.deps.logger?.error({ err: error, feed: feed.id }, 'feed sync crashed');
      }
    }
    return synced;
  }
}

/** Runtime only: the scheduler on an interval; returns a stop function. */
export function startFeedScheduler(scheduler: FeedScheduler, intervalMs: number, logger?: Logger): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await scheduler.runDue();
    } catch (error) {
      logger?.error({ err: error }, 'feed scheduler failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
