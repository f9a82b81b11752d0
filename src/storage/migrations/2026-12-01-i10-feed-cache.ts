import type { Kysely, Migration } from 'kysely';

/**
 * The last feed built per published calendar and level, shared by every instance on the database:
 * N instances polled inside one cache period cost one Graph read, not N. Text columns only (the
 * feed is UTF-8 text, its gzip base64), so one migration fits SQLite and PostgreSQL alike.
 */
export const feedCacheMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('published_feed_cache')
      .addColumn('publication_id', 'text', (column) => column.notNull())
      .addColumn('level', 'text', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      .addColumn('gzip_base64', 'text', (column) => column.notNull())
      .addColumn('etag', 'text', (column) => column.notNull())
      .addColumn('gzip_etag', 'text', (column) => column.notNull())
      .addColumn('last_modified', 'text', (column) => column.notNull())
      .addColumn('built_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('published_feed_cache_pk', ['publication_id', 'level'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('published_feed_cache').execute();
  },
};
