import type { Notifier, NotifyOptions, Recipient, UndeliverableHandler } from '../dialogs/notifier';
import type { Reply } from '../dialogs/reply';
import { localeOf, translatorFor } from '../i18n';
import type { ConversationStore } from './conversation-store';
import { encodePayload } from './outbox-payload';
import type { OutboxStore } from './outbox-store';

/** Notifier over the outbox: queue now, deliver through the dispatcher (now or after a restart). */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly outbox: OutboxStore,
    private readonly onQueued: () => void = () => undefined,
  ) {}

  async reachable(userId: string): Promise<Recipient | undefined> {
    const conversation = await this.conversations.find(userId);
    if (!conversation) return undefined;
    const locale = localeOf(conversation.locale);
    return { userId, locale, t: translatorFor(locale) };
  }

  async notify(userId: string, replies: Reply[], options: NotifyOptions): Promise<void> {
    await this.outbox.enqueue({ userId, payload: encodePayload({ replies, onUndeliverable: options.onUndeliverable }), dedupeKey: options.dedupeKey });
    this.onQueued();
  }

  once(dedupeKey: string): Promise<boolean> {
    return this.outbox.claimKey(dedupeKey);
  }

  /** The dispatcher finds the handlers through the store it shares with this notifier. */
  whenUndeliverable(kind: string, handler: UndeliverableHandler): void {
    this.outbox.undeliverable.register(kind, handler);
  }
}
