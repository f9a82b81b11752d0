import type { Kysely, Migration } from 'kysely';

/** The slots a free/busy search proposed, so a booking button carries an id and never the meeting itself. */
export const freeBusyMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('freebusy_proposals')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('attendees', 'text', (column) => column.notNull())
      .addColumn('slots', 'text', (column) => column.notNull())
      .addColumn('duration_minutes', 'integer', (column) => column.notNull())
      .addColumn('time_zone', 'text', (column) => column.notNull())
      .addColumn('booked_slot', 'integer')
      .addColumn('event_id', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('freebusy_proposals').execute();
  },
};
