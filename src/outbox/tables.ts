/** Tables of the durable delivery of proactive messages (migration 0010-outbox). */
export interface ConversationReferenceTable {
  /** The person's aadObjectId. */
  user_id: string;
  tenant_id: string;
  /** The Bot Framework conversation reference of their 1:1 chat with the bot, as JSON. */
  reference: string;
  locale: string;
  updated_at: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  dedupe_key: string;
  user_id: string;
  /** The replies to send, as JSON. */
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  /** The instance holding the lease (a random token per process), null when nobody does. */
  lease_owner: string | null;
  last_error: string | null;
  created_at: string;
  /** When it was sent, or given up (failed): where retention counts from. */
  sent_at: string | null;
}
