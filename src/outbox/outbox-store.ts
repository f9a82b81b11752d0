import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import { UndeliverableHandlers } from './outbox-payload';
import type { OutboxStatus, OutboxTable } from './tables';

export interface OutboxEntry {
  id: string;
  userId: string;
  payload: string;
  attempts: number;
  status: OutboxStatus;
  lastError?: string;
}

/** How long a claimed entry stays with one instance, unless renewed, before another may take it over. */
export const defaultLeaseMs = 60_000;

export interface OutboxStoreOptions {
  /** This instance's lease token; a fresh random one by default (one per process). */
  owner?: string;
  leaseMs?: number;
}

/**
 * Messages waiting to be delivered. Each entry is claimed by one instance with a conditional
 * update that writes its owner token and a lease; the holder renews the lease while it works
 * (`renew`), and only the holder can end it (`markSent`, `retryLater`, `markFailed` check the
 * token). With several bot instances on one database, an entry is sent by one of them at a time,
 * and a late answer from an instance that lost its lease cannot undo what the new holder did.
 */
export class OutboxStore {
  /**
   * What features do with an entry that fails for good. Kept here because the store is what the
   * notifier (where features register) and the dispatcher (which gives up) share.
   */
  readonly undeliverable = new UndeliverableHandlers();
  readonly owner: string;
  readonly leaseMs: number;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
    options: OutboxStoreOptions = {},
  ) {
    this.owner = options.owner ?? randomUUID();
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
  }

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
        lease_owner: null,
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
        lease_owner: null,
        last_error: null,
        created_at: now,
        sent_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * Takes up to `limit` due entries for this instance: pending ones, and those whose lease ran out
   * (their holder stopped). `contended` tells that due entries were there but other instances won
   * them: the caller should look again rather than stop.
   */
  async claimDue(limit: number): Promise<OutboxEntry[] & { contended?: boolean }> {
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
      // One person's messages go out in the order they were queued, whichever instance sends them:
      // a message waits while an older one for the same person is not sent yet.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox as earlier')
              .select('earlier.id')
              .whereRef('earlier.user_id', '=', 'outbox.user_id')
              .where('earlier.status', 'in', ['pending', 'sending'])
              .whereRef('earlier.created_at', '<', 'outbox.created_at'),
          ),
        ),
      )
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const claimed: OutboxEntry[] & { contended?: boolean } = [];
    for (const row of candidates) {
      const result = await this.db
        .updateTable('outbox')
        .set({ status: 'sending', lease_until: leaseUntil, lease_owner: this.owner })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .where((eb) => (row.status === 'sending' ? eb('lease_until', '<', nowText) : eb('next_attempt_at', '<=', nowText)))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) {
        claimed.push({ id: row.id, userId: row.user_id, payload: row.payload, attempts: row.attempts, status: 'sending', lastError: row.last_error ?? undefined });
      }
    }
    if (candidates.length > 0 && claimed.length === 0) claimed.contended = true;
    return claimed;
  }

  /** Extends this instance's lease on entries it still works on; returns the ids it still holds. */
  async renew(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    const rows = await this.db
      .updateTable('outbox')
      .set({ lease_until: leaseUntil })
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .where('lease_owner', '=', this.owner)
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** The entry was delivered. False when this instance no longer held it (nothing changed). */
  async markSent(id: string): Promise<boolean> {
    return this.endLease(id, { status: 'sent', sent_at: this.clock.now().toISOString() });
  }

  /** Back to pending, due after `delayMs`. False when this instance no longer held it. */
  async retryLater(id: string, attempts: number, delayMs: number, error: string): Promise<boolean> {
    const next = new Date(this.clock.now().getTime() + delayMs).toISOString();
    return this.endLease(id, { status: 'pending', attempts, next_attempt_at: next, last_error: error });
  }

  /** Given up for good. False when this instance no longer held it. */
  async markFailed(id: string, attempts: number, error: string): Promise<boolean> {
    return this.endLease(id, { status: 'failed', attempts, last_error: error, sent_at: this.clock.now().toISOString() });
  }

  private async endLease(id: string, change: Partial<Pick<OutboxTable, 'status' | 'attempts' | 'next_attempt_at' | 'last_error' | 'sent_at'>>): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ ...change, lease_until: null, lease_owner: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('lease_owner', '=', this.owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Entries for one person, newest last: for tests and diagnostics. */
  async listFor(userId: string): Promise<OutboxEntry[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map((row) => ({ id: row.id, userId: row.user_id, payload: row.payload, attempts: row.attempts, status: row.status, lastError: row.last_error ?? undefined }));
  }
}
