import { z } from 'zod';
import { Verb } from '../../cards/verbs';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { button, cardId, noticeCard, parseCardData } from './card-kit';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { loadOwnSubscription } from './own-subscription';
import { checkOutlookList } from './outlook-list';
import { displayNameOf } from './subscription-view';

const confirmData = z.object({ subscriptionId: cardId });

/** Stops following a calendar in the bot, after confirmation. The owner's permission is never touched. */
export class UnsubscribeFlow {
  constructor(private readonly deps: SubscriptionFeatureDeps) {}

  async ask(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const own = await loadOwnSubscription(this.deps.subscriptions, caller, data);
    if (!own.ok) return { replies: own.replies };
    const { subscription } = own;
    const vars = { name: displayNameOf(subscription), owner: subscription.ownerName };
    return {
      card: noticeCard({
        title: t('calendars:unsubscribe.title', vars),
        paragraphs: [t('calendars:unsubscribe.text', vars)],
        buttons: [
          button(t('calendars:unsubscribe.confirm'), Verb.ConfirmUnsubscribe, { subscriptionId: subscription.id }),
          button(t('calendars:unsubscribe.cancel'), Verb.ShowCalendars),
        ],
      }),
    };
  }

  async confirm(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const input = parseCardData(confirmData, data);
    if (!input) return { replies: [textReply(t('calendars:invalidCard'))] };
    // A second click on "Unsubscribe" finds nothing left: that is success, said plainly.
    if (!(await this.deps.subscriptions.get(input.subscriptionId))) {
      return { card: noticeCard({ title: t('calendars:list.title'), paragraphs: [t('calendars:unsubscribe.alreadyGone')] }) };
    }
    const own = await loadOwnSubscription(this.deps.subscriptions, caller, data);
    if (!own.ok) return { replies: own.replies };
    // Following here and showing in Outlook are two things: say where Outlook stands, as Graph lists it.
    const presence = await checkOutlookList(this.deps, caller, own.subscription);
    await this.deps.subscriptions.remove(own.subscription.id);
    const name = displayNameOf(own.subscription);
    const paragraphs =
      presence.state === 'inList'
        ? [t('calendars:outlook.unfollowed', { name }), t('calendars:outlook.stillInList', { entry: presence.entry.name })]
        : presence.state === 'notInList'
          ? [t('calendars:outlook.unfollowed', { name }), t('calendars:outlook.notInListEither')]
          : [t('calendars:unsubscribe.done', { name })];
    return {
      card: noticeCard({
        title: t('calendars:list.title'),
        paragraphs,
        buttons: [button(t('calendars:agenda.list'), Verb.ShowCalendars)],
      }),
    };
  }
}
