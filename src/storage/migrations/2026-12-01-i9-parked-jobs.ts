import type { Kysely, Migration } from 'kysely';

/** Background work waiting for the app identity (issue 9): visible, retried, told to its owner. */
export const parkedJobsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('parked_jobs')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('ref', 'text', (column) => column.notNull())
      .addColumn('owner_user_id', 'text', (column) => column.notNull())
      .addColumn('calendar_name', 'text', (column) => column.notNull())
      .addColumn('recipient', 'text', (column) => column.notNull())
      .addColumn('payload', 'text')
      .addColumn('reason', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('parked_at', 'text', (column) => column.notNull())
      .addColumn('next_attempt_at', 'text', (column) => column.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('owner_told_at', 'text')
      .execute();
    await db.schema.createIndex('parked_jobs_by_owner').on('parked_jobs').column('owner_user_id').execute();
    await db.schema.createIndex('parked_jobs_by_due').on('parked_jobs').column('next_attempt_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('parked_jobs').execute();
  },
};
