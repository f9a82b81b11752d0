import type { Kysely, Migration } from 'kysely';

/** Requests to see someone's calendar, sent when nothing is shared yet; answered once. */
export const accessRequestsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('access_requests')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('requester_id', 'text', (column) => column.notNull())
      .addColumn('requester_address', 'text', (column) => column.notNull())
      .addColumn('requester_name', 'text', (column) => column.notNull())
      .addColumn('owner_id', 'text', (column) => column.notNull())
      .addColumn('owner_address', 'text', (column) => column.notNull())
      .addColumn('owner_name', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('channel', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('answered_at', 'text')
      .execute();
    await db.schema.createIndex('access_requests_by_pair').on('access_requests').columns(['requester_id', 'owner_address', 'status']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('access_requests').execute();
  },
};
