import type { Kysely, Migration } from 'kysely';

/**
 * Several instances: each claimed outbox row names the instance holding its lease, so only that
 * instance may change it; retention jobs find old rows by their end time.
 */
export const outboxLeaseMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('outbox').addColumn('lease_owner', 'text').execute();
    await db.schema.createIndex('outbox_done').on('outbox').columns(['status', 'sent_at']).execute();
    // Claims look for an older unsent message of the same person (per-person order).
    await db.schema.createIndex('outbox_person_order').on('outbox').columns(['user_id', 'created_at']).execute();
    // rate-limiter-flexible's PostgreSQL table (its own layout), created here so that instances
    // starting together do not race to create it. Unused with SQLite (one instance, limits in memory).
    await db.schema
      .createTable('rate_limits')
      .ifNotExists()
      .addColumn('key', 'varchar(255)', (column) => column.primaryKey())
      .addColumn('points', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('expire', 'bigint')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('rate_limits').execute();
    await db.schema.dropIndex('outbox_person_order').execute();
    await db.schema.dropIndex('outbox_done').execute();
    await db.schema.alterTable('outbox').dropColumn('lease_owner').execute();
  },
};
