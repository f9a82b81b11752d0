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
    // Without the activity id: a later message is a new message in the chat, not a reply to this one,
    // and the reference stays the same from one turn to the next (so it is not written again).
    const reference = TurnContext.getConversationReference(context.activity);
    delete reference.activityId;
    await store.save({ userId: caller.userId, tenantId: caller.tenantId, reference: JSON.stringify(reference), locale: caller.locale });
  };
}
