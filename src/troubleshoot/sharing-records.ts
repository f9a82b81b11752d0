import type { CalendarRole } from '../graph/calendar-gateway';

/**
 * What the bot's own records know about a person's sharing, as the troubleshooting checks and the
 * helpdesk view read it. The share-invitation and subscription features own these records; this port
 * keeps the assistant independent of their tables.
 */

/** An invitation to someone's calendar that the person has not answered yet. */
export interface PendingInvitation {
  ownerAddress: string;
  ownerName: string;
  calendarName: string;
  role?: CalendarRole;
  sentAt: string;
}

/** A calendar someone shared that the person follows in the bot. */
export interface FollowedCalendar {
  ownerAddress: string;
  ownerName: string;
  calendarId: string;
  calendarName: string;
  /** Known when the share went through the bot. */
  role?: CalendarRole;
  alias?: string;
  since: string;
}

/** A share the person made through the bot. */
export interface ShareRecord {
  calendarName: string;
  recipientAddress: string;
  recipientName: string;
  role: CalendarRole;
  /** pending, accepted, declined, revoked... as the share feature records it. */
  status: string;
  at: string;
}

export interface SharingRecordsReader {
  /** Invitations waiting for the person (aadObjectId), optionally only those from one owner. */
  pendingInvitationsFor(userId: string, ownerAddress?: string): Promise<PendingInvitation[]>;
  subscriptionsOf(userId: string): Promise<FollowedCalendar[]>;
  sharesBy(userId: string): Promise<ShareRecord[]>;
}

/** Addresses are case-insensitive. */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Records kept in memory: tests, and the stand-in for records whose feature is not wired yet. */
export class InMemorySharingRecords implements SharingRecordsReader {
  readonly invitations = new Map<string, PendingInvitation[]>();
  readonly subscriptions = new Map<string, FollowedCalendar[]>();
  readonly shares = new Map<string, ShareRecord[]>();

  pendingInvitationsFor(userId: string, ownerAddress?: string): Promise<PendingInvitation[]> {
    const all = this.invitations.get(userId) ?? [];
    return Promise.resolve(ownerAddress ? all.filter((invitation) => sameAddress(invitation.ownerAddress, ownerAddress)) : all);
  }

  subscriptionsOf(userId: string): Promise<FollowedCalendar[]> {
    return Promise.resolve(this.subscriptions.get(userId) ?? []);
  }

  sharesBy(userId: string): Promise<ShareRecord[]> {
    return Promise.resolve(this.shares.get(userId) ?? []);
  }
}

/** The part of the subscription store the assistant reads. */
export interface SubscriptionLister {
  listFor(userId: string): Promise<
    Array<{ ownerAddress: string; ownerName: string; calendarId: string; calendarName: string; role?: CalendarRole; alias?: string; createdAt: string }>
  >;
}

/**
 * Records from the features that have them: subscriptions from their store; invitations and shares
 * from `fallback` (empty by default) until the share feature's reader is wired here.
 */
export function sharingRecordsFrom(sources: { subscriptions: SubscriptionLister; fallback?: SharingRecordsReader }): SharingRecordsReader {
  const fallback = sources.fallback ?? new InMemorySharingRecords();
  return {
    pendingInvitationsFor: (userId, ownerAddress) => fallback.pendingInvitationsFor(userId, ownerAddress),
    sharesBy: (userId) => fallback.sharesBy(userId),
    subscriptionsOf: async (userId) =>
      (await sources.subscriptions.listFor(userId)).map((subscription) => ({
        ownerAddress: subscription.ownerAddress,
        ownerName: subscription.ownerName,
        calendarId: subscription.calendarId,
        calendarName: subscription.calendarName,
        ...(subscription.role && { role: subscription.role }),
        ...(subscription.alias && { alias: subscription.alias }),
        since: subscription.createdAt,
      })),
  };
}
