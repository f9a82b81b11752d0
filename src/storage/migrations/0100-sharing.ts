import type { Kysely, Migration } from 'kysely';

/** Shares and invitations, the share drafts between review and confirmation, and the audit log. */
export const sharingMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('share_invitations')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('draft_id', 'text')
      .addColumn('owner_user_id', 'text', (column) => column.notNull())
      .addColumn('owner_name', 'text', (column) => column.notNull())
      .addColumn('owner_address', 'text', (column) => column.notNull())
      .addColumn('owner_locale', 'text', (column) => column.notNull())
      .addColumn('calendar_id', 'text', (column) => column.notNull())
      .addColumn('calendar_name', 'text', (column) => column.notNull())
      .addColumn('calendar_is_default', 'integer', (column) => column.notNull())
      .addColumn('recipient_address', 'text', (column) => column.notNull())
      .addColumn('recipient_name', 'text', (column) => column.notNull())
      .addColumn('recipient_user_id', 'text')
      .addColumn('recipient_inside', 'integer', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('channel', 'text')
      .addColumn('code', 'text', (column) => column.unique())
      .addColumn('expires_at', 'text')
      .addColumn('permission_id', 'text')
      .addColumn('failure', 'text')
      .addColumn('intent', 'text')
      .addColumn('intent_id', 'text')
      .addColumn('intent_at', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema.createIndex('share_invitations_share').on('share_invitations').columns(['owner_user_id', 'calendar_id', 'recipient_address']).execute();
    await db.schema.createIndex('share_invitations_recipient').on('share_invitations').columns(['recipient_user_id', 'status']).execute();
    await db.schema.createIndex('share_invitations_expiry').on('share_invitations').columns(['status', 'expires_at']).execute();
    await db.schema.createIndex('share_invitations_intent').on('share_invitations').columns(['intent_at']).execute();
    await db.schema.createIndex('share_invitations_draft').on('share_invitations').columns(['draft_id']).execute();

    await db.schema
      .createTable('share_drafts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_user_id', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('payload', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('share_audit')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('owner_user_id', 'text', (column) => column.notNull())
      .addColumn('actor_user_id', 'text', (column) => column.notNull())
      .addColumn('action', 'text', (column) => column.notNull())
      .addColumn('calendar_id', 'text', (column) => column.notNull())
      .addColumn('calendar_name', 'text', (column) => column.notNull())
      .addColumn('recipient_address', 'text', (column) => column.notNull())
      .addColumn('recipient_name', 'text', (column) => column.notNull())
      .addColumn('role', 'text')
      .addColumn('previous_role', 'text')
      .addColumn('at', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('share_audit_owner').on('share_audit').columns(['owner_user_id', 'at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('share_audit').execute();
    await db.schema.dropTable('share_drafts').execute();
    await db.schema.dropTable('share_invitations').execute();
  },
};
