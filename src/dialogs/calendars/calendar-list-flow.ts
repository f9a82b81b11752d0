import type { AdaptiveCardJson } from '../../cards/render-card';
import { renderCard } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarOwner, CalendarSummary } from '../../graph/calendar-gateway';
import { shareeLevel } from '../../subscriptions/sharee-level';
import { normalizeAddress, type Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import { button, commandButton, firstNameOf, noticeCard, type CardButton } from './card-kit';
import type { PendingInvitation, SubscriptionFeatureDeps } from './feature-deps';
import { presenceIn, type ListPresence } from './outlook-list';
import { checkShares, type ShareState } from './share-check';
import { displayNameOf, formatInstantDate, levelLabel } from './subscription-view';

/**
 * /calendars: what I follow (alias or name, owner, my level, since when), each checked against Graph
 * so a revoked share says so, and whether each is in my Outlook list too (Graph's `/me/calendars`);
 * and what is shared with me but not followed here: invitations I have not answered, and people whose
 * calendars Outlook added to my list.
 */
export class CalendarListFlow {
  constructor(private readonly deps: SubscriptionFeatureDeps) {}

  async show(caller: Caller): Promise<AdaptiveCardJson> {
    const { t } = caller;
    const followed = await this.deps.subscriptions.listFor(caller.userId);
    const [states, entries, invitations] = await Promise.all([
      checkShares(this.deps.gateway, caller, followed),
      this.outlookList(caller),
      this.unansweredInvitations(caller, followed),
    ]);
    const owners = entries ? unfollowedOwners(entries, followed) : [];
    const current = await this.refreshNames(followed, states);
    const presences = new Map<string, ListPresence>();
    for (const subscription of current) {
      const share = states.get(subscription.id);
      const shared = share?.state === 'shared' ? share.calendar : undefined;
      presences.set(subscription.id, entries ? await presenceIn(this.deps, entries, subscription, { shared, followed: current }) : { state: 'unknown', error: undefined });
    }
    const subscribe = commandButton(t('calendars:list.subscribe'), 'subscribe');
    // Each offer says what it is in a line of text, with a short button under it: a name never makes a button too long.
    const offers = [
      ...invitations.map((invitation) => ({
        text: t('calendars:list.offerInvitation', { name: invitation.calendarName, owner: invitation.ownerName, level: levelLabel(caller, shareeLevel(invitation.role)) }),
        buttons: [button(t('calendars:list.offerAccept'), Verb.InvitationAccept, { invitationId: invitation.invitationId })],
      })),
      ...owners
        .filter((owner) => !invitations.some((invitation) => normalizeAddress(invitation.ownerAddress) === owner.address))
        .map((owner) => ({
          text: t('calendars:list.offerAdd', { owner: owner.name || owner.address }),
          buttons: [button(t('calendars:list.offerFollow'), Verb.SubscribeOwner, { ownerAddress: owner.address })],
        })),
    ];
    if (current.length === 0 && offers.length === 0) return noticeCard({ title: t('calendars:list.title'), paragraphs: [t('calendars:list.empty')], buttons: [subscribe] });

    return renderCard('calendars-list', {
      title: t('calendars:list.title'),
      intro: current.length > 0 ? t('calendars:list.intro') : t('calendars:list.empty'),
      items: current.map((subscription) => this.item(caller, subscription, states.get(subscription.id) ?? { state: 'unknown' }, presences.get(subscription.id))),
      offersTitle: t('calendars:list.offersTitle'),
      offersIntro: t('calendars:list.offersIntro'),
      offers,
      buttons: [subscribe],
    });
  }

  private item(caller: Caller, subscription: Subscription, share: ShareState, presence: ListPresence | undefined) {
    const { t } = caller;
    const id = subscription.id;
    const owner = subscription.ownerName;
    const level = levelLabel(caller, shareeLevel(subscription.role, share.state === 'shared' ? share.calendar : undefined));
    const facts = [
      { title: t('calendars:list.owner'), value: `${owner} (${subscription.ownerAddress})` },
      { title: t('calendars:list.level'), value: level },
      { title: t('calendars:list.since'), value: formatInstantDate(caller, subscription.createdAt, caller.timeZone ?? 'UTC') },
      ...(subscription.alias ? [{ title: t('calendars:list.outlookName'), value: subscription.calendarName }] : []),
      // Followed here is one thing, shown in Outlook another: Graph's calendar list says which.
      ...(share.state !== 'revoked' && presence ? [{ title: t('calendars:outlook.fact'), value: presenceText(caller, presence) }] : []),
    ];
    const notInOutlook = presence?.state === 'notInList';
    const buttons: CardButton[] =
      share.state === 'revoked'
        ? [
            button(t('calendars:list.askAgain', { firstName: firstNameOf(owner) }), Verb.RequestAccess, { ownerAddress: subscription.ownerAddress }),
            button(t('calendars:list.remove'), Verb.AskUnsubscribe, { subscriptionId: id }),
          ]
        : [
            button(t('calendars:list.agenda'), Verb.ShowAgenda, { subscriptionId: id, range: 'week' }),
            ...(notInOutlook ? [button(t('calendars:outlook.add'), Verb.CheckOutlookList, { subscriptionId: id })] : []),
            button(t('calendars:list.alias'), Verb.AskAlias, { subscriptionId: id }),
            button(t('calendars:list.unsubscribe'), Verb.AskUnsubscribe, { subscriptionId: id }),
          ];
    const warning = share.state === 'revoked' ? t('calendars:list.revoked', { owner }) : share.state === 'unknown' ? t('calendars:list.unchecked') : '';
    return { name: displayNameOf(subscription), facts, warning, buttons };
  }

  /** The owner may have renamed a calendar: keep the stored name in step with what Graph shows now. */
  private async refreshNames(followed: Subscription[], states: Map<string, ShareState>): Promise<Subscription[]> {
    const current: Subscription[] = [];
    for (const subscription of followed) {
      const share = states.get(subscription.id);
      if (share?.state === 'shared' && share.calendar.name && share.calendar.name !== subscription.calendarName) {
        current.push(await this.deps.subscriptions.upsert(withoutKeys(subscription, share.calendar.name)));
      } else {
        current.push(subscription);
      }
    }
    return current;
  }

  /** Invitations to calendars not followed yet: accepting one (the share flow) makes it a subscription. Best effort. */
  private async unansweredInvitations(caller: Caller, followed: Subscription[]): Promise<PendingInvitation[]> {
    if (!this.deps.pendingInvitations) return [];
    try {
      const pending = await this.deps.pendingInvitations(caller.userId);
      return pending.filter(
        (invitation) =>
          !followed.some((s) => s.ownerAddress === normalizeAddress(invitation.ownerAddress) && s.calendarId === invitation.calendarId),
      );
    } catch (error) {
      this.deps.logger?.warn({ err: error }, 'could not read pending invitations for offers');
      return [];
    }
  }

  /** The person's Outlook calendar list, as Graph reports it; undefined when it cannot be read (best effort). */
  private async outlookList(caller: Caller): Promise<CalendarSummary[] | undefined> {
    try {
      return await this.deps.gateway.listMyCalendars(caller);
    } catch (error) {
      this.deps.logger?.warn({ err: error }, 'could not read the calendar list');
      return undefined;
    }
  }
}

function presenceText(caller: Caller, presence: ListPresence): string {
  if (presence.state === 'inList') return caller.t('calendars:outlook.factInList', { entry: presence.entry.name });
  return caller.t(presence.state === 'notInList' ? 'calendars:outlook.factNotInList' : 'calendars:outlook.factUnknown');
}

/** People whose shared calendars Outlook added to my list while I follow none of theirs here. */
function unfollowedOwners(entries: CalendarSummary[], followed: Subscription[]): CalendarOwner[] {
  const followedOwners = new Set(followed.map((subscription) => subscription.ownerAddress));
  const owners = new Map<string, CalendarOwner>();
  for (const entry of entries) {
    const address = normalizeAddress(entry.owner.address);
    if (entry.canShare || entry.isDefault || address === '' || followedOwners.has(address)) continue;
    owners.set(address, { name: entry.owner.name, address });
  }
  return [...owners.values()];
}

/** The fields upsert takes, with the calendar's current name. */
function withoutKeys(subscription: Subscription, calendarName: string): Omit<Subscription, 'id' | 'createdAt'> {
  const { userId, ownerAddress, ownerName, calendarId, role, alias, listEntryId, source } = subscription;
  return { userId, ownerAddress, ownerName, calendarId, calendarName, role, alias, listEntryId, source };
}
