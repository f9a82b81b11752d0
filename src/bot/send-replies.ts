import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { cardText } from '../cards/safe-text';
import type { Reply } from '../dialogs/reply';

/**
 * Turns plain dialog replies into Teams activities. Teams reads message text as markdown, so text
 * goes through `cardText` (cards were made safe when rendered).
 */
export function toActivity(reply: Reply) {
  return reply.type === 'text' ? MessageFactory.text(cardText(reply.text)) : MessageFactory.attachment(CardFactory.adaptiveCard(reply.card));
}

export async function sendReplies(context: TurnContext, replies: Reply[]): Promise<void> {
  for (const reply of replies) await context.sendActivity(toActivity(reply));
}
