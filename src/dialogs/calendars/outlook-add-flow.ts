import type { CalendarSummary } from '../../graph/calendar-gateway';
import { z } from 'zod';
import { checkMarks } from '../../cards/check-marks';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import { normalizeAddress, type Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import { button, cardId, commandButton, firstNameOf, parseCardData, type CardButton } from './card-kit';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { checkOutlookList, presenceIn, type ListPresence } from './outlook-list';
import { checkShare, type ShareState } from './share-check';
import { displayNameOf } from './subscription-view';

/** The apps whose own steps the card gives, in the order people most often use them. */
export const outlookClients = ['web', 'newOutlook', 'classic', 'mac', 'mobile', 'iphone', 'outlook2013'] as const;

const checkData = z.object({ subscriptionId: cardId, recheck: z.boolean().optional() });

/** At most this many calendars are checked for one typed "done": each costs Graph reads. */
const maxTypedChecks = 3;

/**
 * Graph cannot add a shared calendar to someone's Outlook list: their Outlook does. So after a share
 * is accepted (or a calendar followed), this card says where the calendar stands (followed here, in
 * the Outlook list or not, as Graph reports the list), gives each app's own steps, and checks again
 * when the person says it is done. Once the calendar is in the list, a name of their own is applied
 * to the entry there too.
 */
export class OutlookAddFlow {
  constructor(private readonly deps: SubscriptionFeatureDeps) {}

  /** The card for a calendar just accepted or followed, found by its owner and id among the caller's own. */
  async guideFor(caller: Caller, calendar: { ownerAddress: string; calendarId: string }, outlookList?: CalendarSummary[]): Promise<Reply[]> {
    const followed = await this.deps.subscriptions.listFor(caller.userId);
    const subscription = followed.find(
      (candidate) => candidate.ownerAddress === normalizeAddress(calendar.ownerAddress) && candidate.calendarId === calendar.calendarId,
    );
    // Just accepted: the share was checked readable a moment ago, with the Outlook list when it could be read.
    return subscription ? [cardReply(await this.cardFor(caller, subscription, { recheck: false, knownShared: true, outlookList }))] : [];
  }

  /** "Add to Outlook" and "Done": the subscription is loaded server-side and must be the clicker's. */
  async check(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const input = parseCardData(checkData, data);
    if (!input) return { replies: [textReply(caller.t('calendars:invalidCard'))] };
    const subscription = await this.deps.subscriptions.get(input.subscriptionId);
    if (!subscription) return { replies: [textReply(caller.t('calendars:gone'))] };
    if (subscription.userId !== caller.userId) return { replies: [textReply(caller.t('calendars:notYours'))], onlyForClicker: true };
    return { card: await this.cardFor(caller, subscription, { recheck: input.recheck ?? false }) };
  }

  /**
   * "c'est fait", "done" typed: checks the calendars not known to be in the Outlook list yet (the
   * ones a guide was about), else every followed one, and shows each result.
   */
  async doneTyped(caller: Caller): Promise<Reply[] | undefined> {
    const followed = await this.deps.subscriptions.listFor(caller.userId);
    if (followed.length === 0) return undefined;
    const waiting = followed.filter((subscription) => !subscription.listEntryId);
    const chosen = (waiting.length > 0 ? waiting : followed).slice(-maxTypedChecks);
    const replies: Reply[] = [];
    for (const subscription of chosen) replies.push(cardReply(await this.cardFor(caller, subscription, { recheck: true })));
    return replies;
  }

  private async cardFor(caller: Caller, subscription: Subscription, options: { recheck: boolean; knownShared?: boolean; outlookList?: CalendarSummary[] }): Promise<AdaptiveCardJson> {
    let share: ShareState = { state: 'unknown' };
    try {
      if (!options.knownShared) share = await checkShare(this.deps.gateway, caller, subscription);
    } catch {
      share = { state: 'unknown' };
    }
    if (share.state === 'revoked') return this.revokedCard(caller, subscription);
    const shared = share.state === 'shared' ? share.calendar : undefined;
    const presence = options.outlookList
      ? await presenceIn(this.deps, options.outlookList, subscription, { shared, followed: await this.deps.subscriptions.listFor(caller.userId) })
      : await checkOutlookList(this.deps, caller, subscription, { shared });
    const renamed = presence.state === 'inList' ? await this.applyAlias(caller, subscription, presence) : false;
    return this.guideCard(caller, subscription, presence, { recheck: options.recheck, renamed });
  }

  /** Where Graph can rename the entry (it is in the list), the person's own name goes there too. Best effort. */
  private async applyAlias(caller: Caller, subscription: Subscription, presence: Extract<ListPresence, { state: 'inList' }>): Promise<boolean> {
    if (!subscription.alias || presence.entry.name === subscription.alias) return false;
    try {
      await this.deps.gateway.renameMyCalendarView(caller, { calendarId: presence.entry.id, name: subscription.alias });
      presence.entry = { ...presence.entry, name: subscription.alias };
      return true;
    } catch (error) {
      this.deps.logger?.warn({ err: error }, 'could not apply the alias to the Outlook list entry');
      return false;
    }
  }

  /**
   * The card for a presence already checked: where the calendar stands and, when it is not in the
   * list, each app's steps and "Done". `title` and `lead` let another flow (the alias) say what it did first.
   */
  guideCard(
    caller: Caller,
    subscription: Subscription,
    presence: ListPresence,
    options: { recheck?: boolean; renamed?: boolean; title?: string; lead?: string } = {},
  ): AdaptiveCardJson {
    const { t } = caller;
    const name = displayNameOf(subscription);
    const listRow =
      presence.state === 'inList'
        ? { ...checkMarks.pass, text: t('calendars:outlook.inList', { entry: presence.entry.name }) }
        : presence.state === 'notInList'
          ? { ...checkMarks.fail, text: t('calendars:outlook.notInList') }
          : { ...checkMarks.unknown, text: t('calendars:outlook.unknown') };
    const checks = [{ ...checkMarks.pass, text: t('calendars:outlook.followed') }, listRow];
    const agenda = button(t('calendars:outlook.agenda'), Verb.ShowAgenda, { subscriptionId: subscription.id, range: 'week' });
    const list = button(t('calendars:outlook.list'), Verb.ShowCalendars);
    if (presence.state === 'inList') {
      return renderCard('outlook-add', {
        title: options.title ?? t('calendars:outlook.inListTitle', { name }),
        checks,
        note: '',
        paragraphs: [...(options.renamed ? [t('calendars:outlook.renamed', { alias: subscription.alias })] : []), t('calendars:outlook.shown')],
        clients: [],
        buttons: [agenda, list],
      });
    }
    const note = presence.state === 'unknown' ? t('calendars:outlook.unknownNote') : options.recheck ? t('calendars:outlook.stillNot') : '';
    const vars = { owner: subscription.ownerName, address: subscription.ownerAddress };
    const buttons: CardButton[] = [
      button(t('calendars:outlook.done'), Verb.CheckOutlookList, { subscriptionId: subscription.id, recheck: true }),
      agenda,
      ...(options.recheck ? [commandButton(t('calendars:outlook.stillMissing'), 'troubleshoot')] : []),
    ];
    return renderCard('outlook-add', {
      title: options.title ?? t('calendars:outlook.title', { name }),
      checks,
      note,
      paragraphs: [options.lead ?? t('calendars:outlook.why')],
      clients: outlookClients.map((client) => ({
        name: t(`calendars:outlook.clients.${client}.name`),
        steps: t(`calendars:outlook.clients.${client}.steps`, vars),
      })),
      buttons,
    });
  }

  private revokedCard(caller: Caller, subscription: Subscription): AdaptiveCardJson {
    const { t } = caller;
    const owner = subscription.ownerName;
    return renderCard('outlook-add', {
      title: t('calendars:outlook.revokedTitle', { name: displayNameOf(subscription) }),
      checks: [
        { ...checkMarks.pass, text: t('calendars:outlook.followed') },
        { ...checkMarks.fail, text: t('calendars:outlook.revoked', { owner }) },
      ],
      note: t('calendars:list.revoked', { owner }),
      paragraphs: [],
      clients: [],
      buttons: [
        button(t('calendars:list.askAgain', { firstName: firstNameOf(owner) }), Verb.RequestAccess, { ownerAddress: subscription.ownerAddress }),
        button(t('calendars:list.remove'), Verb.AskUnsubscribe, { subscriptionId: subscription.id }),
      ],
    });
  }
}
