import type { Kysely, Migration } from 'kysely';

/**
 * Calendars sent by email (a draft until the owner sends it) and published calendars: one row per
 * link anyone can subscribe to, found by the hash of its token (the token itself is never stored).
 */
export const calendarExportMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('snapshot_drafts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_user_id', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('payload', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('published_calendars')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_user_id', 'text', (column) => column.notNull())
      .addColumn('owner_name', 'text', (column) => column.notNull())
      .addColumn('owner_locale', 'text', (column) => column.notNull())
      .addColumn('owner_zone', 'text', (column) => column.notNull())
      .addColumn('calendar_id', 'text', (column) => column.notNull())
      .addColumn('calendar_name', 'text', (column) => column.notNull())
      .addColumn('level', 'text', (column) => column.notNull())
      .addColumn('token_hash', 'text', (column) => column.notNull().unique())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('recipient_address', 'text')
      .addColumn('recipient_name', 'text')
      .addColumn('share_id', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('rotated_at', 'text')
      .addColumn('last_fetched_at', 'text')
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('published_calendars_by_owner').on('published_calendars').columns(['owner_user_id', 'status']).execute();
    await db.schema.createIndex('published_calendars_by_share').on('published_calendars').columns(['share_id']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('published_calendars').execute();
    await db.schema.dropTable('snapshot_drafts').execute();
  },
};
