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

/** A reference this instance wrote is written again after this long even when unchanged (another instance may have forgotten it). */
const rewriteAfterMs = 60_000;
/** People whose last write this instance remembers; the oldest are dropped past this. */
const rememberedPeople = 10_000;

/**
 * Where the bot can reach each person: their 1:1 conversation, saved from their turns. A turn
 * whose reference, tenant and language are those this instance saved in the last minute writes
 * nothing: most turns come from people already known.
 */
export class ConversationStore {
  private readonly lastSaved = new Map<string, { value: string; at: number }>();

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async save(conversation: StoredConversation): Promise<void> {
    const value = JSON.stringify([conversation.tenantId, conversation.reference, conversation.locale]);
    const now = this.clock.now().getTime();
    const last = this.lastSaved.get(conversation.userId);
    if (last && last.value === value && now - last.at >= 0 && now - last.at < rewriteAfterMs) return;
    await this.write(conversation);
    this.lastSaved.delete(conversation.userId);
    this.lastSaved.set(conversation.userId, { value, at: now });
    if (this.lastSaved.size > rememberedPeople) this.lastSaved.delete(this.lastSaved.keys().next().value as string);
  }

  private async write(conversation: StoredConversation): Promise<void> {
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
    this.lastSaved.delete(userId);
    await this.db.deleteFrom('conversation_references').where('user_id', '=', userId).execute();
  }

  async find(userId: string): Promise<StoredConversation | undefined> {
    const row = await this.db.selectFrom('conversation_references').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && { userId: row.user_id, tenantId: row.tenant_id, reference: row.reference, locale: row.locale };
  }
}
