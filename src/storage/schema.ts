/**
 * The tables of the bot's one database, as Kysely sees them. Each feature adds its table interface
 * and one line to `DatabaseSchema`, together with the migration that creates it
 * (`migrations/index.ts`). Column types must work on both SQLite and PostgreSQL: timestamps are
 * ISO-8601 text, documents are JSON text.
 */

import type { ConversationReferenceTable, OutboxTable } from '../outbox/tables';
import type { AccessRequestTable, SubscriptionTable } from '../subscriptions/tables';
import type { ShareAuditTable, ShareDraftTable, ShareInvitationTable } from '../sharing/tables';
import type { HelpdeskAuditTable, TroubleshootSessionTable } from '../troubleshoot/tables';
import type { FreeBusyProposalTable } from '../freebusy/tables';
import type { PublishedCalendarTable, PublishedFeedCacheTable } from '../publishing/tables';
import type { SnapshotDraftTable } from '../snapshot/tables';
import type { ParkedJobTable } from '../jobs/tables';
import type { FeedDraftTable, FeedItemTable, FeedTable } from '../feeds/tables';
import type { SyncItemTable, SyncPairTable } from '../two-way-sync/tables';
import type { ConversationContextTable } from '../nlu/conversation-context';

/** The Bot Framework's turn state (conversation, user...), one JSON document per storage key. */
export interface BotStateTable {
  /** The botbuilder storage key; Teams conversation ids make it long, hence text. */
  key: string;
  /** The item as JSON, without its eTag (the `etag` column is the truth). */
  value: string;
  /** Changes on every write: the optimistic concurrency token. */
  etag: string;
  updated_at: string;
}

/** rate-limiter-flexible's PostgreSQL table: one fixed window per key (created by the i15 migration). */
export interface RateLimitTable {
  key: string;
  points: number;
  /** Epoch milliseconds when the window ends. */
  expire: number | null;
}

export interface DatabaseSchema {
  bot_state: BotStateTable;
  conversation_references: ConversationReferenceTable;
  outbox: OutboxTable;
  subscriptions: SubscriptionTable;
  access_requests: AccessRequestTable;
  share_invitations: ShareInvitationTable;
  share_drafts: ShareDraftTable;
  share_audit: ShareAuditTable;
  troubleshoot_sessions: TroubleshootSessionTable;
  helpdesk_audit: HelpdeskAuditTable;
  rate_limits: RateLimitTable;
  freebusy_proposals: FreeBusyProposalTable;
  snapshot_drafts: SnapshotDraftTable;
  published_calendars: PublishedCalendarTable;
  parked_jobs: ParkedJobTable;
  feeds: FeedTable;
  feed_items: FeedItemTable;
  feed_drafts: FeedDraftTable;
  two_way_sync_pairs: SyncPairTable;
  two_way_sync_items: SyncItemTable;
  published_feed_cache: PublishedFeedCacheTable;
  conversation_context: ConversationContextTable;
}
