/** The table of published calendars (migration 2026-12-01-i10-calendar-export). */

export interface PublishedCalendarTable {
  id: string;
  owner_user_id: string;
  owner_name: string;
  owner_locale: string;
  /** The owner's IANA zone when published: the feed's days and VTIMEZONE. */
  owner_zone: string;
  calendar_id: string;
  calendar_name: string;
  /** freeBusyRead, limitedRead or read */
  level: string;
  /** SHA-256 of the link's token, hex: a stolen database gives no working link. */
  token_hash: string;
  /** active or stopped */
  status: string;
  /** A personal link sent to someone outside with a share; null for a link the owner publishes. */
  recipient_address: string | null;
  recipient_name: string | null;
  /** The share invitation the personal link belongs to. */
  share_id: string | null;
  created_at: string;
  rotated_at: string | null;
  last_fetched_at: string | null;
  updated_at: string;
}

/** The last feed built per publication and level, shared by instances (migration 2026-12-01-i10-feed-cache). */
export interface PublishedFeedCacheTable {
  publication_id: string;
  /** The level the feed was built at: a level change is a miss. */
  level: string;
  /** The .ics text. */
  body: string;
  gzip_base64: string;
  etag: string;
  gzip_etag: string;
  /** ISO instants. */
  last_modified: string;
  built_at: string;
}
