import type { Kysely, Migration } from 'kysely';

/** Troubleshooting cases and the audit of helpdesk mode (`/diagnose`). */
export const troubleshootMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('troubleshoot_sessions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('locale', 'text', (column) => column.notNull())
      .addColumn('tree_version', 'integer', (column) => column.notNull())
      .addColumn('client_id', 'text')
      .addColumn('symptom_id', 'text')
      .addColumn('person_address', 'text')
      .addColumn('person_name', 'text')
      .addColumn('tried_role', 'text')
      .addColumn('node_id', 'text')
      .addColumn('checks', 'text')
      .addColumn('history', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('started_by', 'text')
      .addColumn('revision', 'integer', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('troubleshoot_sessions_by_user').on('troubleshoot_sessions').columns(['user_id', 'created_at']).execute();
    await db.schema
      .createTable('helpdesk_audit')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('actor_user_id', 'text', (column) => column.notNull())
      .addColumn('actor_address', 'text')
      .addColumn('action', 'text', (column) => column.notNull())
      .addColumn('target_address', 'text')
      .addColumn('target_user_id', 'text')
      .addColumn('outcome', 'text', (column) => column.notNull())
      .addColumn('reference', 'text')
      .addColumn('detail', 'text')
      .addColumn('at', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('helpdesk_audit_by_reference').on('helpdesk_audit').columns(['reference', 'action']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('helpdesk_audit').execute();
    await db.schema.dropTable('troubleshoot_sessions').execute();
  },
};
