import type { CalendarRole } from '../graph/calendar-gateway';
import type { InvitationStore } from '../sharing/invitation-store';
import type { Subscription, SubscriptionStore } from '../subscriptions/subscription-store';

/**
 * What the bot's own records know about a person's sharing, as the troubleshooting checks and the
 * helpdesk view read it. The share-invitation and subscription features own these records; this port
 * keeps the assistant independent of their tables.
 */

/** An invitation to someone's calendar that the person has not answered yet. */
export interface PendingInvitation {
  /** The share feature's invitation id (the helpdesk can send its card again). */
  id: string;
  ownerAddress: string;
  ownerName: string;
  calendarName: string;
  role?: CalendarRole;
  sentAt: string;
}

/** A calendar someone shared that the person follows in the bot: its subscription, dated from when it began. */
export type FollowedCalendar = Pick<Subscription, 'ownerAddress' | 'ownerName' | 'calendarId' | 'calendarName' | 'role' | 'alias'> & { since: string };

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
export type SubscriptionLister = Pick<SubscriptionStore, 'listFor'>;

/** What troubleshooting reads of the share feature's invitations. */
export type InvitationLister = Pick<InvitationStore, 'listPendingFor' | 'listActiveForOwner'>;

/** The real records: subscriptions from their store, invitations and shares from the share feature's store. */
export function sharingRecordsFrom(sources: { subscriptions: SubscriptionLister; invitations: InvitationLister }): SharingRecordsReader {
  return {
    pendingInvitationsFor: async (userId, ownerAddress) =>
      (await sources.invitations.listPendingFor(userId))
        .filter((invitation) => !ownerAddress || sameAddress(invitation.owner.address, ownerAddress))
        .map((invitation) => ({
          id: invitation.id,
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
