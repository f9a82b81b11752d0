import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { backoffMs, maxDeliveryAttempts, retryableStatuses } from '../outbox/backoff';
import type { ConversationStore } from '../outbox/conversation-store';
import { decodePayload } from '../outbox/outbox-payload';
import type { OutboxEntry, OutboxStore } from '../outbox/outbox-store';
import type { SendRateLimiter } from '../outbox/shared-send-limiter';
import { toActivity } from './send-replies';

export interface OutboxDispatcherDeps {
  adapter: CloudAdapter;
  botAppId: string;
  outbox: OutboxStore;
  conversations: ConversationStore;
  limiter: SendRateLimiter;
  clock: Clock;
  logger: Logger;
  random?: () => number;
  /** Entries claimed per round (default 20). */
  batchSize?: number;
}

export interface DrainReport {
  sent: number;
  retried: number;
  failed: number;
  /** Entries whose lease another instance took over before this one finished (nothing changed by this one). */
  lost: number;
}

/** A connector error's HTTP status and Retry-After, when it has them. */
function failureOf(error: unknown): { status?: number; retryAfterMs?: number } {
  const details = error as { statusCode?: number; response?: { headers?: { get?: (name: string) => string | undefined } } };
  const retryAfter = Number(details.response?.headers?.get?.('retry-after'));
  return { status: details.statusCode, retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined };
}

/** Delivers queued proactive messages through the Bot Framework, with retries and Teams' rate limits. */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  private draining: Promise<DrainReport> | undefined;
  /** The soonest a rate-limited entry of the last drain is due again, to drain again then. */
  private nextDueInMs: number | undefined;

  constructor(private readonly deps: OutboxDispatcherDeps) {}

  /** Sends everything due now; entries that must wait are left for a later drain. */
  drain(): Promise<DrainReport> {
    this.draining ??= this.drainAll().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /** Runtime only: drain on an interval, and soon after something is queued. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  kick(): void {
    if (!this.timer) return;
    void this.drain()
      .then(() => this.drainAgainWhenDue())
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbox drain failed'));
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.timer = undefined;
  }

  /** Runtime: entries held back by a rate limit are due within a second or so; drain then, not at the next tick. */
  private drainAgainWhenDue(): void {
    const wait = this.nextDueInMs;
    if (wait === undefined || !this.timer || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.kick();
    }, wait);
    this.soon.unref();
  }

  /**
   * Rounds of claim-and-deliver while entries are due. Other instances winning a round's claims is
   * no reason to stop: the next round looks again. Leases are renewed while a round runs.
   */
  private async drainAll(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retried: 0, failed: 0, lost: 0 };
    this.nextDueInMs = undefined;
    for (let round = 0; round < 200; round++) {
      const entries = await this.deps.outbox.claimDue(this.deps.batchSize ?? 20);
      if (entries.length === 0 && !entries.contended) break;
      const held = new Set(entries.map((entry) => entry.id));
      const heartbeat = this.renewWhileRunning(held);
      try {
        for (const entry of entries) {
          const outcome = held.has(entry.id) ? await this.deliver(entry) : 'lost';
          held.delete(entry.id);
          report[outcome] += 1;
        }
      } finally {
        heartbeat.stop();
      }
    }
    return report;
  }

  /** Renews this instance's leases on `held` at a third of the lease time; forgets those it lost. */
  private renewWhileRunning(held: Set<string>): { stop(): void } {
    const { outbox, logger } = this.deps;
    const timer = setInterval(() => {
      const ids = [...held];
      void outbox
        .renew(ids)
        .then((kept) => {
          for (const id of ids) if (!kept.includes(id) && held.delete(id)) logger.warn({ outboxId: id }, 'outbox lease lost to another instance');
        })
        .catch((error: unknown) => logger.warn({ err: error }, 'outbox lease renewal failed'));
    }, Math.max(50, Math.floor(outbox.leaseMs / 3)));
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  private async deliver(entry: OutboxEntry): Promise<keyof DrainReport> {
    const { outbox, conversations, limiter, clock, logger } = this.deps;
    const conversation = await conversations.find(entry.userId);
    if (!conversation) return this.giveUp(entry, entry.attempts, 'unreachable: no conversation with this person');
    const reference = JSON.parse(conversation.reference) as ConversationReference;
    const wait = await limiter.reserve(reference.conversation.id, conversation.tenantId, clock.now().getTime());
    if (wait > 0) {
      this.nextDueInMs = Math.min(this.nextDueInMs ?? wait, wait);
      return (await outbox.retryLater(entry.id, entry.attempts, wait, 'rate limited')) ? 'retried' : 'lost';
    }
    const attempts = entry.attempts + 1;
    try {
      const { replies } = decodePayload(entry.payload);
      // The adapter hands errors inside the turn to its turn-error handler; keep ours to decide.
      let sendError: unknown;
      await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
        try {
          for (const reply of replies) await context.sendActivity(toActivity(reply));
        } catch (error) {
          sendError = error;
        }
      });
      if (sendError) throw sendError instanceof Error ? sendError : new Error('proactive send failed');
      if (!(await outbox.markSent(entry.id))) {
        // Sent, but our lease had run out: the new holder may send it again. The lease is renewed
        // while we work, so this means this instance was stalled longer than a lease.
        logger.error({ outboxId: entry.id }, 'outbox entry sent after its lease was lost');
        return 'lost';
      }
      return 'sent';
    } catch (error) {
      const { status, retryAfterMs } = failureOf(error);
      const reason = `send failed${status ? ` with ${status}` : ''}`;
      if ((status === undefined || retryableStatuses.has(status)) && attempts < maxDeliveryAttempts) {
        if (!(await outbox.retryLater(entry.id, attempts, backoffMs(attempts, retryAfterMs, this.deps.random), reason))) return 'lost';
        logger.warn({ status, attempts }, 'proactive message will be retried');
        return 'retried';
      }
      logger.warn({ status, attempts }, 'proactive message failed for good');
      // 403 (the person blocked the bot) or 404 (the chat is gone): until they talk to the bot again,
      // notices go by email instead of failing here one by one. Their next turn stores the chat again.
      if (status === 403 || status === 404) await conversations.forget(entry.userId);
      return this.giveUp(entry, attempts, reason);
    }
  }

  /**
   * Ends an entry that cannot be delivered. When it says what it was about, the feature's handler
   * gets it first (an invitation goes by email instead); if the handler fails, the entry is tried
   * again later, Teams first, so a handler must be safe to run twice.
   */
  private async giveUp(entry: OutboxEntry, attempts: number, reason: string): Promise<keyof DrainReport> {
    const { outbox, logger } = this.deps;
    const ref = decodePayload(entry.payload).onUndeliverable;
    if (ref) {
      try {
        if (await outbox.undeliverable.handle(ref)) {
          return (await outbox.markFailed(entry.id, attempts, `${reason}; handed to ${ref.kind}`)) ? 'failed' : 'lost';
        }
        logger.warn({ kind: ref.kind }, 'no handler for an undeliverable message');
      } catch (error) {
        // Counted as an attempt even when nothing was sent, so a handler that keeps failing ends.
        const tried = entry.attempts + 1;
        if (tried < maxDeliveryAttempts) {
          logger.warn({ err: error, kind: ref.kind, attempts: tried }, 'undeliverable message not handled yet; will try again');
          return (await outbox.retryLater(entry.id, tried, backoffMs(tried, undefined, this.deps.random), `${reason}; handler failed`)) ? 'retried' : 'lost';
        }
        logger.error({ err: error, kind: ref.kind }, 'undeliverable message could not be handled');
      }
    }
    return (await outbox.markFailed(entry.id, attempts, reason)) ? 'failed' : 'lost';
  }
}
