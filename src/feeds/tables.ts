/** Tables of the iCalendar feeds feature (migration 2026-12-01-i11-feeds). */

/** One feed a person follows into one of their calendars. Secrets are sealed (src/secrets). */
export interface FeedTable {
  id: string;
  /** The owner's aadObjectId: only they see and change the feed; the sync runs as them. */
  owner_id: string;
  name: string;
  /** The URL, sealed: it may carry a token. */
  url_sealed: string;
  url_masked: string;
  credentials_sealed: string | null;
  credentials_masked: string | null;
  target_calendar_id: string;
  /** The mailbox of a calendar shared with the owner at edit level; null for the owner's own. */
  target_owner_address: string | null;
  target_name: string;
  /** 1 when the bot created the calendar for this feed. */
  created_calendar: number;
  floating_zone: string;
  /** 'active' or 'paused'. */
  status: string;
  /** Why it was paused: 'user', or the last problem ('gone', 'unauthorized'...). */
  pause_reason: string | null;
  etag: string | null;
  last_modified: string | null;
  /** Hash of every item's hash: the same content twice writes nothing. */
  content_hash: string | null;
  /** 1 while a sync is writing: a sync that finds it set was interrupted and reconciles with Graph first. */
  dirty: number;
  refresh_minutes: number;
  next_run_at: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  failures: number;
  last_problem: string | null;
  /** JSON: { added, changed, removed, warnings[] } of the last sync that got content. */
  last_report: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/** What the last sync wrote for each event key (UID, plus RECURRENCE-ID or occurrence). */
export interface FeedItemTable {
  feed_id: string;
  item_key: string;
  event_id: string;
  /** Hash of the normalised content; '' forces a rewrite at the next sync. */
  hash: string;
  /** 1 for a series (changed by replacing it, exceptions included). */
  is_series: number;
  /** The event's changeKey after our last write ('' unknown): another one means it was edited in Outlook. */
  change_key: string;
}

/** A feed previewed but not saved yet: the card carries its id only. */
export interface FeedDraftTable {
  id: string;
  owner_id: string;
  url_sealed: string;
  url_masked: string;
  credentials_sealed: string | null;
  credentials_masked: string | null;
  /** JSON of the preview (name, refresh minutes, counts...). */
  preview: string;
  created_at: string;
}
