import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import { isGraphError } from '../../graph/graph-error';
import type { Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import { foldText } from '../commands';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import { checkAlias, maxAliasLength } from './alias-rules';
import { button, cardId, firstNameOf, noticeCard, parseCardData } from './card-kit';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { loadOwnSubscription } from './own-subscription';
import type { OutlookAddFlow } from './outlook-add-flow';
import { checkOutlookList } from './outlook-list';
import { checkShare } from './share-check';
import { displayNameOf } from './subscription-view';

const saveData = z.object({ subscriptionId: cardId.optional(), alias: z.string().max(1000).optional() });

/** What happened in Outlook when the alias was saved in the bot. */
type OutlookOutcome = { kind: 'applied' } | { kind: 'notInList' } | { kind: 'failed'; reason: string } | { kind: 'revoked' };

/**
 * /alias: the user's own name for a followed calendar. Always stored with the subscription (the bot
 * uses it everywhere); also applied to the user's Outlook calendar list when the calendar is there,
 * which renames only the sharee's view.
 */
export class AliasFlow {
  constructor(
    private readonly deps: SubscriptionFeatureDeps,
    private readonly outlook: OutlookAddFlow,
  ) {}

  /** The command: pick the calendar (pre-selected when the words name one) and type the name. */
  async start(caller: Caller, args: string): Promise<Reply[]> {
    const followed = await this.deps.subscriptions.listFor(caller.userId);
    if (followed.length === 0) return [textReply(caller.t('calendars:alias.none'))];
    if (followed.length === 1) return [cardReply(this.form(caller, { subscription: followed[0] }))];
    return [cardReply(this.form(caller, { choices: followed, selected: mentioned(followed, args) }))];
  }

  /** The "Rename" button of a followed calendar. */
  async ask(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await loadOwnSubscription(this.deps.subscriptions, caller, data);
    if (!own.ok) return { replies: own.replies };
    return { card: this.form(caller, { subscription: own.subscription }) };
  }

  async save(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const input = parseCardData(saveData, data);
    if (!input) return { replies: [textReply(t('calendars:invalidCard'))] };
    if (!input.subscriptionId) return { replies: [textReply(t('calendars:alias.pickCalendar'))] };
    const own = await loadOwnSubscription(this.deps.subscriptions, caller, { subscriptionId: input.subscriptionId });
    if (!own.ok) return { replies: own.replies };
    const { subscription } = own;
    const checked = checkAlias(input.alias);
    if (!checked.ok) {
      const error = t(`calendars:alias.${checked.problem}`, { max: maxAliasLength });
      return { card: this.form(caller, { subscription, value: input.alias ?? '', error }) };
    }
    const alias = checked.alias;
    const unchanged = alias === subscription.alias;
    await this.deps.subscriptions.setAlias(subscription.id, alias);
    const outcome = await this.applyInOutlook(caller, { ...subscription, alias }, subscription.alias);
    return { card: this.savedCard(caller, { ...subscription, alias }, outcome, unchanged) };
  }

  /** Renames the user's Outlook list entry for the calendar, when there is one. Failures never undo the bot's alias. */
  private async applyInOutlook(caller: Caller, subscription: Subscription, previousAlias: string | undefined): Promise<OutlookOutcome> {
    const { gateway, subscriptions } = this.deps;
    try {
      const share = await checkShare(gateway, caller, subscription);
      if (share.state !== 'shared') return { kind: 'revoked' };
      const presence = await checkOutlookList(this.deps, caller, subscription, { shared: share.calendar, previousAlias });
      if (presence.state === 'unknown') throw presence.error;
      if (presence.state === 'notInList') return { kind: 'notInList' };
      if (presence.entry.name !== subscription.alias) await gateway.renameMyCalendarView(caller, { calendarId: presence.entry.id, name: subscription.alias ?? '' });
      return { kind: 'applied' };
    } catch (error) {
      if (isGraphError(error) && error.reason === 'notFound') {
        // The entry vanished between listing and renaming (removed in Outlook).
        await subscriptions.setListEntry(subscription.id, undefined);
        return { kind: 'notInList' };
      }
      const [reply] = errorReplies(caller, error);
      return { kind: 'failed', reason: reply.type === 'text' ? reply.text : '' };
    }
  }

  private savedCard(caller: Caller, subscription: Subscription, outcome: OutlookOutcome, unchanged: boolean): AdaptiveCardJson {
    const { t } = caller;
    const owner = subscription.ownerName;
    const title = t('calendars:alias.savedTitle', { alias: subscription.alias, owner, name: subscription.calendarName });
    if (outcome.kind === 'notInList') {
      // Graph can rename only an entry of the list: the steps to add it, and "Done" applies the name. Nothing to redo.
      const lead = [...(unchanged ? [t('calendars:alias.unchanged')] : []), t('calendars:alias.notInOutlook')].join(' ');
      return this.outlook.guideCard(caller, subscription, { state: 'notInList' }, { title, lead });
    }
    const paragraphs = [
      ...(unchanged ? [t('calendars:alias.unchanged')] : []),
      ...(outcome.kind === 'applied' ? [t('calendars:alias.appliedOutlook')] : []),
      ...(outcome.kind === 'failed' ? [t('calendars:alias.outlookFailed', { reason: outcome.reason })] : []),
    ];
    const revoked = outcome.kind === 'revoked';
    return noticeCard({
      title,
      paragraphs,
      warning: revoked ? t('calendars:list.revoked', { owner }) : undefined,
      buttons: revoked
        ? [
            button(t('calendars:list.askAgain', { firstName: firstNameOf(owner) }), Verb.RequestAccess, { ownerAddress: subscription.ownerAddress }),
            button(t('calendars:list.remove'), Verb.AskUnsubscribe, { subscriptionId: subscription.id }),
          ]
        : [
            button(t('calendars:list.agenda'), Verb.ShowAgenda, { subscriptionId: subscription.id, range: 'week' }),
            button(t('calendars:agenda.list'), Verb.ShowCalendars),
          ],
    });
  }

  private form(
    caller: Caller,
    input: { subscription?: Subscription; choices?: Subscription[]; selected?: Subscription; value?: string; error?: string },
  ): AdaptiveCardJson {
    const { t } = caller;
    const fixed = input.subscription;
    return renderCard('alias-form', {
      title: t('calendars:alias.title'),
      intro: t('calendars:alias.intro'),
      choose: !fixed,
      calendarLabel: t('calendars:alias.calendar'),
      selected: input.selected?.id ?? '',
      choices: (input.choices ?? []).map((subscription) => ({ title: `${displayNameOf(subscription)} (${subscription.ownerName})`, value: subscription.id })),
      current: fixed ? t('calendars:alias.current', { name: `${displayNameOf(fixed)} (${fixed.ownerName})` }) : '',
      label: t('calendars:alias.label'),
      placeholder: t('calendars:alias.placeholder'),
      value: input.value ?? fixed?.alias ?? '',
      error: input.error ?? '',
      save: t('calendars:alias.save'),
      saveData: fixed ? { verb: Verb.SaveAlias, subscriptionId: fixed.id } : { verb: Verb.SaveAlias },
    });
  }
}

/** Words that name no calendar in particular: "rename the phoenix calendar" is about Phoenix. */
const genericWords = new Set(['calendar', 'calendars', 'calendrier', 'calendriers', 'agenda', 'rename', 'renommer', 'alias', 'the', 'le', 'la', 'les', 'my', 'mon', 'ma']);

/** Whether the words name this calendar: its whole name, or one of its distinctive words. */
function names(words: Set<string>, folded: string, name: string | undefined): boolean {
  if (!name) return false;
  const target = foldText(name);
  if (folded.includes(target)) return !genericWords.has(target);
  return target.split(/[^\p{L}\p{N}]+/u).some((word) => word.length >= 3 && !genericWords.has(word) && words.has(word));
}

/** The one followed calendar the command's words name: by alias or calendar name first, else by owner. */
function mentioned(followed: Subscription[], args: string): Subscription | undefined {
  const folded = foldText(args);
  if (folded === '') return undefined;
  const words = new Set(folded.split(/[^\p{L}\p{N}]+/u));
  const naming = (candidates: (subscription: Subscription) => Array<string | undefined>) =>
    followed.filter((subscription) => candidates(subscription).some((name) => names(words, folded, name)));
  const byName = naming((subscription) => [subscription.alias, subscription.calendarName]);
  if (byName.length === 1) return byName[0];
  const byOwner = naming((subscription) => [subscription.ownerName]);
  return byOwner.length === 1 ? byOwner[0] : undefined;
}
