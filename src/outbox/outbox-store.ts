import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import { UndeliverableHandlers } from './outbox-payload';
import type { OutboxStatus } from './tables';

export interface OutboxEntry {
  id: string;
  userId: string;
  payload: string;
  attempts: number;
  status: OutboxStatus;
  lastError?: string;
}

/** How long a claimed entry stays with one instance before another may take it over. */
const leaseMs = 60_000;

/**
 * Messages waiting to be delivered. Entries are claimed with a conditional update, so with several
 * bot instances on one database each entry is sent by exactly one of them.
 */
export class OutboxStore {
  /**
   * What features do with an entry that fails for good. Kept here because the store is what the
   * notifier (where features register) and the dispatcher (which gives up) share.
   */
  readonly undeliverable = new UndeliverableHandlers();

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  /** Queues a payload; a second enqueue with the same dedupe key is ignored. */
  async enqueue(input: { userId: string; payload: string; dedupeKey: string }): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        dedupe_key: input.dedupeKey,
        user_id: input.userId,
        payload: input.payload,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  /**
   * Uses up a dedupe key without queuing anything (a row already `sent`, which no drain takes): for
   * messages sent another way. True the first time the key is seen.
   */
  async claimKey(dedupeKey: string): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const result = await this.db
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        dedupe_key: dedupeKey,
        user_id: '',
        payload: '[]',
        status: 'sent',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Takes up to `limit` due entries for this instance: pending ones, and those whose lease ran out. */
  async claimDue(limit: number): Promise<OutboxEntry[]> {
    const now = this.clock.now();
    const nowText = now.toISOString();
    const candidates = await this.db
      .selectFrom('outbox')
      .select(['id', 'user_id', 'payload', 'attempts', 'status', 'last_error'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowText)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', nowText)]),
        ]),
      )
      .orderBy('created_at')
      .limit(limit)
      .execute();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed: OutboxEntry[] = [];
    for (const row of candidates) {
      const result = await this.db
        .updateTable('outbox')
        .set({ status: 'sending', lease_until: leaseUntil })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .where((eb) => (row.status === 'sending' ? eb('lease_until', '<', nowText) : eb('next_attempt_at', '<=', nowText)))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        claimed.push({ id: row.id, userId: row.user_id, payload: row.payload, attempts: row.attempts, status: 'sending', lastError: row.last_error ?? undefined });
      }
    }
    return claimed;
  }

  async markSent(id: string): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'sent', sent_at: this.clock.now().toISOString(), lease_until: null }).where('id', '=', id).execute();
  }

  async retryLater(id: string, attempts: number, delayMs: number, error: string): Promise<void> {
    const next = new Date(this.clock.now().getTime() + delayMs).toISOString();
    await this.db
      .updateTable('outbox')
      .set({ status: 'pending', attempts, next_attempt_at: next, lease_until: null, last_error: error })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.db.updateTable('outbox').set({ status: 'failed', attempts, lease_until: null, last_error: error }).where('id', '=', id).execute();
  }

  /** Entries for one person, newest last: for tests and diagnostics. */
  async listFor(userId: string): Promise<OutboxEntry[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map((row) => ({ id: row.id, userId: row.user_id, payload: row.payload, attempts: row.attempts, status: row.status, lastError: row.last_error ?? undefined }));
  }
}
