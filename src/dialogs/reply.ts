import type { AdaptiveCardJson } from '../cards/render-card';

/** What a dialog asks the bot to send back; src/bot turns it into Teams activities. */
export type Reply = { type: 'text'; text: string } | { type: 'card'; card: AdaptiveCardJson };

export const textReply = (text: string): Reply => ({ type: 'text', text });
export const cardReply = (card: AdaptiveCardJson): Reply => ({ type: 'card', card });
