/** Tables of the subscriptions feature (migrations 0200-0299). */

/** One calendar someone else shared that a person follows in the bot (migration 0200-subscriptions). */
export interface SubscriptionTable {
  id: string;
  /** The sharee's aadObjectId. */
  user_id: string;
  /** Lower case, so one owner is one key whatever the case it was typed in. */
  owner_address: string;
  owner_name: string;
  /** The owner's calendar id as the sharee reads it through /users/{owner}/calendars. */
  calendar_id: string;
  calendar_name: string;
  /** The role granted, when the share went through the bot; null when unknown. */
  role: string | null;
  alias: string | null;
  /** The sharee's own calendar-list entry for this calendar, once Outlook added it. */
  list_entry_id: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

/** `granted`: the owner shared with the requester from the request's card. */
export type AccessRequestStatus = 'pending' | 'declined' | 'granted';

/** "Megan asks to see your calendar": one row per request sent (migration 0201-access-requests). */
export interface AccessRequestTable {
  id: string;
  /** The requester's aadObjectId. */
  requester_id: string;
  requester_address: string;
  requester_name: string;
  /** The owner's aadObjectId: only they may answer. */
  owner_id: string;
  /** Lower case. */
  owner_address: string;
  owner_name: string;
  status: AccessRequestStatus;
  /** How the owner was told: 'teams' or 'email'. */
  channel: string;
  created_at: string;
  answered_at: string | null;
}
