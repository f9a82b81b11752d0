import type { Notifier, Recipient } from '../dialogs/notifier';
import type { Reply } from '../dialogs/reply';
import { localeOf, translatorFor } from '../i18n';
import type { ConversationStore } from './conversation-store';
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

  async notify(userId: string, replies: Reply[], options: { dedupeKey: string }): Promise<void> {
    await this.outbox.enqueue({ userId, payload: JSON.stringify(replies), dedupeKey: options.dedupeKey });
    this.onQueued();
  }
}
