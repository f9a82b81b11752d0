import type { CalendarRole } from '../graph/calendar-gateway';
import type { Locale } from '../i18n';

/**
 * Where a share stands. `granting`: the owner confirmed, Graph is being written or the invitation
 * is not yet on its way. `pending`: the recipient was invited and has not answered.
 */
export const invitationStatuses = ['granting', 'pending', 'accepted', 'declined', 'revoked', 'expired', 'failed'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** Statuses in which the recipient has, or is about to have, access. */
export const activeStatuses: InvitationStatus[] = ['granting', 'pending', 'accepted'];

/** The operations that change a share; each one is recorded before its Graph call (see `Intent`). */
export type IntentOp = 'grant' | 'accept' | 'decline' | 'changeRole' | 'revoke' | 'expire';

/**
 * An operation under way on one invitation. It is written before anything leaves the process and
 * cleared in the same update that records the result, so a process that stops in between leaves a
 * trace that `recoverInterruptedShares` can finish (by checking Graph). It also serialises clicks:
 * while one operation holds the invitation, another cannot start.
 */
export interface Intent {
  op: IntentOp;
  /** Unique per operation: the dedupe key of its notifications and the id of its audit record. */
  id: string;
  /** Who asked for it (aadObjectId): the owner, the recipient, or 'system' for an expiry. */
  actorUserId: string;
  /** changeRole: the new role. */
  role?: CalendarRole;
  /** changeRole/revoke: the role before, for the audit and the notices. */
  previousRole?: CalendarRole;
  /** changeRole: the end of the share after the change (null: none). */
  expiresAt?: string | null;
  /** accept: who answered (the code's redeemer, when the recipient was known by address only). */
  recipientUserId?: string;
  /** When the operation began; recovery does not grant access asked for too long ago. */
  startedAt: string;
}

export interface InvitationOwner {
  userId: string;
  name: string;
  address: string;
  locale: Locale;
}

export interface InvitationCalendar {
  id: string;
  name: string;
  isDefault: boolean;
}

export interface InvitationRecipient {
  /** Lower case. */
  address: string;
  name: string;
  /** aadObjectId, for people in the directory. */
  userId?: string;
  isInsideOrganization: boolean;
}

/** One share of one calendar with one person. */
export interface Invitation {
  id: string;
  draftId?: string;
  owner: InvitationOwner;
  calendar: InvitationCalendar;
  recipient: InvitationRecipient;
  role: CalendarRole;
  status: InvitationStatus;
  channel?: 'teams' | 'email';
  code?: string;
  expiresAt?: string;
  permissionId?: string;
  failure?: string;
  intent?: Intent;
  intentAt?: string;
  createdAt: string;
  updatedAt: string;
  decidedAt?: string;
  recipientUserId?: string;
}

export type NewInvitation = Pick<Invitation, 'draftId' | 'owner' | 'calendar' | 'recipient' | 'role' | 'expiresAt'> & { intent: Intent };

/** Fields a finished (or advancing) operation may set. */
export interface InvitationChanges {
  status?: InvitationStatus;
  role?: CalendarRole;
  channel?: 'teams' | 'email';
  code?: string;
  permissionId?: string;
  failure?: string | null;
  expiresAt?: string | null;
  decidedAt?: string;
  recipientUserId?: string;
}
