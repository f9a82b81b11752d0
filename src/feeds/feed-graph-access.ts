import type { Caller } from '../graph/calendar-gateway';

/**
 * The one seam through which background feed syncs reach Graph. Today a sync runs as the feed's owner
 * through the bot's gateway, as the share maintenance jobs do (locally against the emulator; in
 * production with the owner's delegated access). The application identity for background jobs
 * (issue 9) replaces this by returning its own caller.
 */
export interface FeedGraphAccess {
  callerFor(ownerId: string): Promise<Caller>;
}

export const ownerDelegatedAccess: FeedGraphAccess = {
  callerFor: (ownerId) => Promise.resolve({ userId: ownerId }),
};
