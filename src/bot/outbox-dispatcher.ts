import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { backoffMs, maxDeliveryAttempts, retryableStatuses } from '../outbox/backoff';
import type { ConversationStore } from '../outbox/conversation-store';
import { decodePayload } from '../outbox/outbox-payload';
import type { OutboxEntry, OutboxStore } from '../outbox/outbox-store';
import type { SendLimiter } from '../outbox/send-limiter';
import { toActivity } from './send-replies';

export interface OutboxDispatcherDeps {
  adapter: CloudAdapter;
  botAppId: string;
  outbox: OutboxStore;
  conversations: ConversationStore;
  limiter: SendLimiter;
  clock: Clock;
  logger: Logger;
  random?: () => number;
}

export interface DrainReport {
  sent: number;
  retried: number;
  failed: number;
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
  private draining: Promise<DrainReport> | undefined;

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
    if (this.timer) void this.drain().catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbox drain failed'));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async drainAll(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retried: 0, failed: 0 };
    for (let round = 0; round < 50; round++) {
      const entries = await this.deps.outbox.claimDue(20);
      if (entries.length === 0) break;
      for (const entry of entries) report[await this.deliver(entry)] += 1;
    }
    return report;
  }

  private async deliver(entry: OutboxEntry): Promise<keyof DrainReport> {
    const { outbox, conversations, limiter, clock, logger } = this.deps;
    const conversation = await conversations.find(entry.userId);
    if (!conversation) return this.giveUp(entry, entry.attempts, 'unreachable: no conversation with this person');
    const reference = JSON.parse(conversation.reference) as ConversationReference;
    const wait = limiter.reserve(reference.conversation.id, conversation.tenantId, clock.now().getTime());
    if (wait > 0) {
      await outbox.retryLater(entry.id, entry.attempts, wait, 'rate limited by this instance');
      return 'retried';
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
      await outbox.markSent(entry.id);
      return 'sent';
    } catch (error) {
      const { status, retryAfterMs } = failureOf(error);
      const reason = `send failed${status ? ` with ${status}` : ''}`;
      if ((status === undefined || retryableStatuses.has(status)) && attempts < maxDeliveryAttempts) {
        await outbox.retryLater(entry.id, attempts, backoffMs(attempts, retryAfterMs, this.deps.random), reason);
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
          await outbox.markFailed(entry.id, attempts, `${reason}; handed to ${ref.kind}`);
          return 'failed';
        }
        logger.warn({ kind: ref.kind }, 'no handler for an undeliverable message');
      } catch (error) {
        // Counted as an attempt even when nothing was sent, so a handler that keeps failing ends.
        const tried = entry.attempts + 1;
        if (tried < maxDeliveryAttempts) {
          logger.warn({ err: error, kind: ref.kind, attempts: tried }, 'undeliverable message not handled yet; will try again');
          await outbox.retryLater(entry.id, tried, backoffMs(tried, undefined, this.deps.random), `${reason}; handler failed`);
          return 'retried';
        }
        logger.error({ err: error, kind: ref.kind }, 'undeliverable message could not be handled');
      }
    }
    await outbox.markFailed(entry.id, attempts, reason);
    return 'failed';
  }
}
