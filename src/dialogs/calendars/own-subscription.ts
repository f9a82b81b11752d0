import { z } from 'zod';
import type { Subscription, SubscriptionStore } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import { textReply, type Reply } from '../reply';
import { cardId, parseCardData } from './card-kit';

const subscriptionData = z.object({ subscriptionId: cardId });

/** A followed calendar named by a card, or the replies that explain why it cannot be used. */
export type OwnSubscription = { ok: true; subscription: Subscription } | { ok: false; replies: Reply[] };

/**
 * Loads the subscription a card names, server-side, and checks it belongs to whoever clicked: cards
 * can be forwarded, and their data is untrusted.
 */
export async function loadOwnSubscription(store: SubscriptionStore, caller: Caller, data: Record<string, unknown>): Promise<OwnSubscription> {
  const input = parseCardData(subscriptionData, data);
  if (!input) return { ok: false, replies: [textReply(caller.t('calendars:invalidCard'))] };
  const subscription = await store.get(input.subscriptionId);
  if (!subscription) return { ok: false, replies: [textReply(caller.t('calendars:gone'))] };
  if (subscription.userId !== caller.userId) return { ok: false, replies: [textReply(caller.t('calendars:notYours'))] };
  return { ok: true, subscription };
}
