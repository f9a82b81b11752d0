import { TurnContext } from 'botbuilder';
import type { ConversationStore } from '../outbox/conversation-store';
import { callerOf } from './turn-caller';

/**
 * Remembers each person's 1:1 conversation with the bot (and their language), so invitations and
 * notices can reach them later. Group chats are not a way to reach one person privately.
 */
export function captureConversation(store: ConversationStore) {
  return async (context: TurnContext): Promise<void> => {
    const caller = callerOf(context);
    const type = context.activity.conversation?.conversationType;
    if (!caller || (type && type !== 'personal')) return;
    const reference = TurnContext.getConversationReference(context.activity);
    await store.save({ userId: caller.userId, tenantId: caller.tenantId, reference: JSON.stringify(reference), locale: caller.locale });
  };
}
