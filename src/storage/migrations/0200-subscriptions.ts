import type { Kysely, Migration } from 'kysely';

/** The calendars people follow: one row per (sharee, owner, owner's calendar). */
export const subscriptionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('owner_address', 'text', (column) => column.notNull())
      .addColumn('owner_name', 'text', (column) => column.notNull())
      .addColumn('calendar_id', 'text', (column) => column.notNull())
      .addColumn('calendar_name', 'text', (column) => column.notNull())
      .addColumn('role', 'text')
      .addColumn('alias', 'text')
      .addColumn('list_entry_id', 'text')
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addUniqueConstraint('subscriptions_one_per_calendar', ['user_id', 'owner_address', 'calendar_id'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('subscriptions').execute();
  },
};
