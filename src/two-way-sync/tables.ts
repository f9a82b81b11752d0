/** Tables of the two-way CalDAV sync (migration 2026-12-01-i12-two-way-sync). */

/** One Outlook calendar kept in sync with one CalDAV calendar. The CalDAV password is sealed (src/secrets). */
export interface SyncPairTable {
  id: string;
  /** The owner's aadObjectId: only they see and change the pair; the sync runs as them. */
  owner_id: string;
  server_url: string;
  user_name: string;
  /** The app password, sealed with the row id as context. */
  password_sealed: string;
  caldav_calendar_url: string;
  caldav_calendar_name: string;
  outlook_calendar_id: string;
  /** The mailbox of a calendar shared with the owner at edit level; null for the owner's own. */
  outlook_owner_address: string | null;
  outlook_calendar_name: string;
  /** 'both' | 'toCaldav' | 'toOutlook'. */
  direction: string;
  /** 'newer' | 'outlook' | 'caldav'. */
  policy: string;
  /** 'active' or 'paused'. */
  status: string;
  pause_reason: string | null;
  /** The CalDAV collection's sync-token (RFC 6578) and ctag at the last complete sync. */
  sync_token: string | null;
  ctag: string | null;
  /** JSON {link, windowStart}: the Outlook calendarView/delta link at the last complete sync and the window it watches. */
  graph_delta: string | null;
  next_run_at: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  failures: number;
  last_problem: string | null;
  /** JSON: counts of the last run and its conflicts. */
  last_report: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/** vdirsyncer's status: one row per pair of items, what each side held at the last sync. */
export interface SyncItemTable {
  pair_id: string;
  /** The iCalendar UID both sides share. */
  uid: string;
  graph_id: string | null;
  /** changeKey (and exceptions' change keys, for a series). */
  graph_version: string | null;
  graph_hash: string | null;
  caldav_href: string | null;
  caldav_etag: string | null;
  caldav_hash: string | null;
}
