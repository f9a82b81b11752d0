import type { Migration } from 'kysely';
import { botStateMigration } from './0001-bot-state';
import { outboxMigration } from './0010-outbox';
import { sharingMigration } from './0100-sharing';
import { subscriptionsMigration } from './0200-subscriptions';
import { accessRequestsMigration } from './0201-access-requests';
import { troubleshootMigration } from './0600-troubleshoot';
import { outboxLeaseMigration } from './2026-12-01-i15-outbox-lease';
import { freeBusyMigration } from './1300-i13-freebusy';
import { calendarExportMigration } from './2026-12-01-i10-calendar-export';
import { parkedJobsMigration } from './2026-12-01-i9-parked-jobs';
import { feedsMigration } from './2026-12-01-i11-feeds';
import { twoWaySyncMigration } from './2026-12-01-i12-two-way-sync';
import { twoWaySyncGraphDeltaMigration } from './2026-12-02-i12-graph-delta';
import { feedCacheMigration } from './2026-12-01-i10-feed-cache';
import { conversationContextMigration } from './2026-12-01-i14-conversation-context';

/**
 * Every migration, by name. Kysely runs them in the alphabetical order of their names and records
 * each one, so names keep a zero-padded number ('0002-share-invitations') and a migration, once
 * shipped, never changes: add a new one instead. A static list rather than a folder scan, so it
 * works the same under tsx, jest and compiled JavaScript.
 */
export const migrations: Record<string, Migration> = {
  '0001-bot-state': botStateMigration,
  '0010-outbox': outboxMigration,
  '0100-sharing': sharingMigration,
  '0200-subscriptions': subscriptionsMigration,
  '0201-access-requests': accessRequestsMigration,
  '0600-troubleshoot': troubleshootMigration,
  '2026-12-01-i15-outbox-lease': outboxLeaseMigration,
  '1300-i13-freebusy': freeBusyMigration,
  '2026-12-01-i10-calendar-export': calendarExportMigration,
  '2026-12-01-i9-parked-jobs': parkedJobsMigration,
  '2026-12-01-i11-feeds': feedsMigration,
  '2026-12-01-i12-two-way-sync': twoWaySyncMigration,
  '2026-12-02-i12-graph-delta': twoWaySyncGraphDeltaMigration,
  '2026-12-01-i10-feed-cache': feedCacheMigration,
  '2026-12-01-i14-conversation-context': conversationContextMigration,
};
