import { sameAddress, type FollowedCalendar, type PendingInvitation, type ShareRecord, type SharingRecordsReader } from '../../src/troubleshoot/sharing-records';

/** Test double: sharing records set by the test itself. */
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
