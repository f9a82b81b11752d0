import { z } from 'zod';
import { Verb } from '../../cards/verbs';
import type { Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { agendaCard } from './agenda-view';
import { agendaWindow } from './agenda-window';
import { button, firstNameOf, noticeCard } from './card-kit';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { loadOwnSubscription } from './own-subscription';
import { meansRevoked } from './share-check';
import { displayNameOf } from './subscription-view';
import { isLocalDate, pickTimeZone } from './time-zone';

const agendaData = z.object({
  range: z.enum(['today', 'week', 'day']).default('week'),
  /** The card's date input: "YYYY-MM-DD". */
  date: z.string().max(40).optional(),
});

/** Reading a followed calendar in Teams: today, this week or a chosen day, as much as the share allows. */
export class AgendaFlow {
  constructor(private readonly deps: SubscriptionFeatureDeps) {}

  async show(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await loadOwnSubscription(this.deps.subscriptions, caller, data);
    if (!own.ok) return { replies: own.replies };
    const parsed = agendaData.safeParse(data);
    if (!parsed.success) return { replies: [textReply(caller.t('calendars:invalidCard'))] };
    const { range, date } = parsed.data;
    const day = date?.slice(0, 10);
    if (range === 'day' && !(day && isLocalDate(day))) return { replies: [textReply(caller.t('calendars:agenda.pickDay'))] };

    const { subscription } = own;
    const zone = await this.timeZoneOf(caller);
    const window = agendaWindow(range, this.deps.clock.now(), zone, day);
    try {
      const events = await this.deps.gateway.readAgenda(caller, {
        ownerAddress: subscription.ownerAddress,
        calendarId: subscription.calendarId,
        start: window.start,
        end: window.end,
        timeZone: zone,
      });
      return { card: agendaCard(caller, { subscription, window, zone, events }) };
    } catch (error) {
      if (meansRevoked(error)) return { card: revokedCard(caller, subscription) };
      throw error;
    }
  }

  /** The mailbox's zone (what Outlook shows the user), else the Teams client's, else UTC. */
  private async timeZoneOf(caller: Caller): Promise<string> {
    let mailboxZone: string | undefined;
    try {
      mailboxZone = (await this.deps.gateway.getMe(caller)).timeZone;
    } catch (error) {
      // Not worth failing the agenda for: the client's zone is a fine second choice.
      this.deps.logger?.warn({ err: error }, 'could not read the mailbox time zone');
    }
    return pickTimeZone(mailboxZone, caller.timeZone);
  }
}

/** The owner stopped sharing (or deleted the calendar): say so, offer to ask again or to tidy up. */
export function revokedCard(caller: Caller, subscription: Subscription) {
  const { t } = caller;
  const owner = subscription.ownerName;
  const firstName = firstNameOf(owner);
  return noticeCard({
    title: t('calendars:agenda.revokedTitle', { owner }),
    paragraphs: [t('calendars:agenda.revokedText', { owner, firstName, name: displayNameOf(subscription) })],
    buttons: [
      button(t('calendars:list.askAgain', { firstName }), Verb.RequestAccess, { ownerAddress: subscription.ownerAddress }),
      button(t('calendars:list.remove'), Verb.AskUnsubscribe, { subscriptionId: subscription.id }),
    ],
  });
}
