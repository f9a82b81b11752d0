/** Tables of the share feature (migrations 0100-0199). Timestamps are ISO text, booleans 0/1. */

/** One share of one calendar with one person, from the owner's confirmation to its end. */
export interface ShareInvitationTable {
  id: string;
  /** The review the owner confirmed (several recipients share one draft); null for a share made elsewhere. */
  draft_id: string | null;
  owner_user_id: string;
  owner_name: string;
  owner_address: string;
  owner_locale: string;
  calendar_id: string;
  calendar_name: string;
  calendar_is_default: number;
  /** Lower case. */
  recipient_address: string;
  recipient_name: string;
  /** The recipient's aadObjectId when they are in the directory. */
  recipient_user_id: string | null;
  recipient_inside: number;
  role: string;
  /** granting, pending, accepted, declined, revoked, expired, failed. */
  status: string;
  /** How the invitation reached the recipient: teams or email. */
  channel: string | null;
  /** The code of an invitation sent by email, redeemed with /accept CODE. */
  code: string | null;
  expires_at: string | null;
  permission_id: string | null;
  /** Why the share failed (a GraphError reason). */
  failure: string | null;
  /** The operation under way (JSON), so a stop in the middle can be finished by another process. */
  intent: string | null;
  /** The id of that operation: a step may only finish the operation it started. */
  intent_id: string | null;
  intent_at: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
}

/** What the owner chose on the share card, kept server-side between the review and the confirmation. */
export interface ShareDraftTable {
  id: string;
  owner_user_id: string;
  /** open, confirmed, cancelled. */
  status: string;
  payload: string;
  created_at: string;
  updated_at: string;
}

/** Every change to who sees a calendar: who did what, when, for whom. */
export interface ShareAuditTable {
  id: string;
  owner_user_id: string;
  actor_user_id: string;
  action: string;
  calendar_id: string;
  calendar_name: string;
  recipient_address: string;
  recipient_name: string;
  role: string | null;
  previous_role: string | null;
  at: string;
}
