import type { Kysely, Migration } from 'kysely';

/** Two-way sync: the Outlook side's `calendarView/delta` link, kept per pair, so an unchanged sync costs one Graph request. */
export const twoWaySyncGraphDeltaMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('two_way_sync_pairs').addColumn('graph_delta', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('two_way_sync_pairs').dropColumn('graph_delta').execute();
  },
};
