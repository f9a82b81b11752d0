import { appActingOn, type Caller } from '../graph/calendar-gateway';

/**
 * The one seam through which background syncs (iCalendar feeds, two-way CalDAV sync) reach Graph.
 * Nobody is in a turn when a sync runs, so it acts with the product's own identity on the owner's
 * mailbox (`appActingOn`, client credentials in production), never with a user's delegated token.
 */
export interface FeedGraphAccess {
  callerFor(ownerId: string): Promise<Caller>;
}

export const appIdentityAccess: FeedGraphAccess = {
  callerFor: (ownerId) => Promise.resolve(appActingOn(ownerId)),
};
