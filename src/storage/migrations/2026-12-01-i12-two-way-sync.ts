import type { Kysely, Migration } from 'kysely';

/** Two-way sync between an Outlook calendar and a CalDAV calendar (issue 12). */
export const twoWaySyncMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('two_way_sync_pairs')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_id', 'text', (column) => column.notNull())
      .addColumn('server_url', 'text', (column) => column.notNull())
      .addColumn('user_name', 'text', (column) => column.notNull())
      .addColumn('password_sealed', 'text', (column) => column.notNull())
      .addColumn('caldav_calendar_url', 'text', (column) => column.notNull())
      .addColumn('caldav_calendar_name', 'text', (column) => column.notNull())
      .addColumn('outlook_calendar_id', 'text', (column) => column.notNull())
      .addColumn('outlook_owner_address', 'text')
      .addColumn('outlook_calendar_name', 'text', (column) => column.notNull())
      .addColumn('direction', 'text', (column) => column.notNull())
      .addColumn('policy', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('pause_reason', 'text')
      .addColumn('sync_token', 'text')
      .addColumn('ctag', 'text')
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
    await db.schema.createIndex('two_way_sync_pairs_by_owner').on('two_way_sync_pairs').column('owner_id').execute();
    await db.schema.createIndex('two_way_sync_pairs_due').on('two_way_sync_pairs').columns(['status', 'next_run_at']).execute();
    await db.schema
      .createTable('two_way_sync_items')
      .addColumn('pair_id', 'text', (column) => column.notNull())
      .addColumn('uid', 'text', (column) => column.notNull())
      .addColumn('graph_id', 'text')
      .addColumn('graph_version', 'text')
      .addColumn('graph_hash', 'text')
      .addColumn('caldav_href', 'text')
      .addColumn('caldav_etag', 'text')
      .addColumn('caldav_hash', 'text')
      .addPrimaryKeyConstraint('two_way_sync_items_pk', ['pair_id', 'uid'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('two_way_sync_items').execute();
    await db.schema.dropTable('two_way_sync_pairs').execute();
  },
};
