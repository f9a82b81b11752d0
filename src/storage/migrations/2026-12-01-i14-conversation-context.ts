import type { Kysely, Migration } from 'kysely';

/** What each person last asked in plain words, so "et pour Adele ?" and "toujours pas" continue it. */
export const conversationContextMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('conversation_context')
      .addColumn('user_id', 'text', (column) => column.primaryKey())
      .addColumn('command', 'text', (column) => column.notNull())
      .addColumn('entities', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('conversation_context').execute();
  },
};
