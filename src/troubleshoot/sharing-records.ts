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


/** The part of the subscription store the assistant reads. */
export interface SubscriptionLister {
  listFor(userId: string): Promise<
    Array<{ ownerAddress: string; ownerName: string; calendarId: string; calendarName: string; role?: CalendarRole; alias?: string; createdAt: string }>
  >;
}

/** What troubleshooting reads of the share feature's invitations (src/sharing/invitation-store.ts). */
export interface InvitationLister {
  listPendingFor(recipientUserId: string): Promise<Array<{ owner: { address: string; name: string }; calendar: { name: string }; role: CalendarRole; createdAt: string }>>;
  listActiveForOwner(
    ownerUserId: string,
  ): Promise<Array<{ calendar: { name: string }; recipient: { address: string; name: string }; role: CalendarRole; status: string; updatedAt: string }>>;
}

/** The real records: subscriptions from their store, invitations and shares from the share feature's store. */
export function sharingRecordsFrom(sources: { subscriptions: SubscriptionLister; invitations: InvitationLister }): SharingRecordsReader {
  return {
    pendingInvitationsFor: async (userId, ownerAddress) =>
      (await sources.invitations.listPendingFor(userId))
        .filter((invitation) => !ownerAddress || sameAddress(invitation.owner.address, ownerAddress))
        .map((invitation) => ({
          ownerAddress: invitation.owner.address,
          ownerName: invitation.owner.name,
          calendarName: invitation.calendar.name,
          role: invitation.role,
          sentAt: invitation.createdAt,
        })),
    sharesBy: async (userId) =>
      (await sources.invitations.listActiveForOwner(userId)).map((invitation) => ({
        calendarName: invitation.calendar.name,
        recipientAddress: invitation.recipient.address,
        recipientName: invitation.recipient.name,
        role: invitation.role,
        status: invitation.status,
        at: invitation.updatedAt,
      })),
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
