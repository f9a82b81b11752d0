import type { Kysely, Migration } from 'kysely';

/** iCalendar feeds synced one way into Outlook calendars (issue 11). */
export const feedsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('feeds')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_id', 'text', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('url_sealed', 'text', (column) => column.notNull())
      .addColumn('url_masked', 'text', (column) => column.notNull())
      .addColumn('credentials_sealed', 'text')
      .addColumn('credentials_masked', 'text')
      .addColumn('target_calendar_id', 'text', (column) => column.notNull())
      .addColumn('target_owner_address', 'text')
      .addColumn('target_name', 'text', (column) => column.notNull())
      .addColumn('created_calendar', 'integer', (column) => column.notNull())
      .addColumn('floating_zone', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('pause_reason', 'text')
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      .addColumn('content_hash', 'text')
      .addColumn('dirty', 'integer', (column) => column.notNull())
      .addColumn('refresh_minutes', 'integer', (column) => column.notNull())
      .addColumn('next_run_at', 'text', (column) => column.notNull())
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_success_at', 'text')
      .addColumn('failures', 'integer', (column) => column.notNull())
      .addColumn('last_problem', 'text')
      .addColumn('last_report', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('feeds_by_owner').on('feeds').column('owner_id').execute();
    await db.schema.createIndex('feeds_due').on('feeds').columns(['status', 'next_run_at']).execute();
    await db.schema
      .createTable('feed_items')
      .addColumn('feed_id', 'text', (column) => column.notNull())
      .addColumn('item_key', 'text', (column) => column.notNull())
      .addColumn('event_id', 'text', (column) => column.notNull())
      .addColumn('hash', 'text', (column) => column.notNull())
      .addColumn('is_series', 'integer', (column) => column.notNull())
      .addColumn('change_key', 'text', (column) => column.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('feed_items_pk', ['feed_id', 'item_key'])
      .execute();
    await db.schema
      .createTable('feed_drafts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_id', 'text', (column) => column.notNull())
      .addColumn('url_sealed', 'text', (column) => column.notNull())
      .addColumn('url_masked', 'text', (column) => column.notNull())
      .addColumn('credentials_sealed', 'text')
      .addColumn('credentials_masked', 'text')
      .addColumn('preview', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('feed_drafts').execute();
    await db.schema.dropTable('feed_items').execute();
    await db.schema.dropTable('feeds').execute();
  },
};
