import type { Invitation } from '../../sharing/invitation';
import type { PendingInvitation } from './feature-deps';

/** The share flow's pending invitations of a person, as /calendars offers them. */
export function pendingInvitationsFrom(invitations: { listPendingFor(userId: string): Promise<Invitation[]> }) {
  return async (userId: string): Promise<PendingInvitation[]> =>
    (await invitations.listPendingFor(userId)).map((invitation) => ({
      invitationId: invitation.id,
      ownerName: invitation.owner.name,
      ownerAddress: invitation.owner.address,
      calendarId: invitation.calendar.id,
      calendarName: invitation.calendar.name,
      role: invitation.role,
    }));
}
