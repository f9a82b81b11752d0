import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';

export interface StoredConversation {
  userId: string;
  tenantId: string;
  /** Opaque to everything but src/bot: a serialized conversation reference. */
  reference: string;
  locale: string;
}

/** Where the bot can reach each person: their 1:1 conversation, refreshed on every turn. */
export class ConversationStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async save(conversation: StoredConversation): Promise<void> {
    const row = {
      user_id: conversation.userId,
      tenant_id: conversation.tenantId,
      reference: conversation.reference,
      locale: conversation.locale,
      updated_at: this.clock.now().toISOString(),
    };
    await this.db
      .insertInto('conversation_references')
      .values(row)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ tenant_id: row.tenant_id, reference: row.reference, locale: row.locale, updated_at: row.updated_at }))
      .execute();
  }

  /** The person can no longer be reached in this chat (they blocked or removed the app). */
  async forget(userId: string): Promise<void> {
    await this.db.deleteFrom('conversation_references').where('user_id', '=', userId).execute();
  }

  async find(userId: string): Promise<StoredConversation | undefined> {
    const row = await this.db.selectFrom('conversation_references').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && { userId: row.user_id, tenantId: row.tenant_id, reference: row.reference, locale: row.locale };
  }
}
