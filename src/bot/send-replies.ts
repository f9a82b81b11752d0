import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Reply } from '../dialogs/reply';

/** Turns plain dialog replies into Teams activities. */
export function toActivity(reply: Reply) {
  return reply.type === 'text' ? MessageFactory.text(reply.text) : MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
}

export async function sendReplies(context: TurnContext, replies: Reply[]): Promise<void> {
  for (const reply of replies) await context.sendActivity(toActivity(reply));
}
