import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import type { Person } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import { htmlText } from '../../graph/mail-html';
import type { Translate } from '../../i18n';
import type { AccessRequest } from '../../subscriptions/access-request-store';
import { cardId, firstNameOf, noticeCard, parseCardData } from '../calendars/card-kit';
import type { SubscriptionFeatureDeps } from '../calendars/feature-deps';
import { formatInstantDate } from '../calendars/subscription-view';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, textReply } from '../reply';

const requestData = z.object({ ownerAddress: z.string().trim().min(3).max(254) });
const answerData = z.object({ requestId: cardId });

/** A request still unanswered after this long may be sent again. */
const resendAfterMs = 3 * 24 * 3600_000;

/**
 * "Megan asks to see your calendar": sent to the owner in Teams when the bot can reach them (in the
 * owner's language), else by email from the requester's mailbox. The owner shares through the share
 * flow (its card is pre-filled with the requester) or declines here; each answer counts once.
 */
export class AccessRequestFlow {
  constructor(private readonly deps: SubscriptionFeatureDeps) {}

  async request(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const input = parseCardData(requestData, data);
    if (!input) return { replies: [textReply(t('subscribe:invalidCard'))] };
    const owner = await this.resolveOwner(caller, input.ownerAddress);
    if (!owner?.id || !owner.isInsideOrganization) {
      return { replies: [textReply(t('subscribe:request.cannotAsk', { owner: owner?.displayName ?? input.ownerAddress }))] };
    }
    if (owner.id === caller.userId) return { replies: [textReply(t('subscribe:self'))] };
    const title = t('subscribe:nothing.title', { owner: owner.displayName });

    const pending = await this.deps.accessRequests.findPending(caller.userId, owner.address);
    const now = this.deps.clock.now();
    if (pending && now.getTime() - Date.parse(pending.createdAt) < resendAfterMs) {
      const date = formatInstantDate(caller, pending.createdAt, caller.timeZone ?? 'UTC');
      return { card: noticeCard({ title, paragraphs: [t('subscribe:request.alreadySent', { owner: owner.displayName, date })] }) };
    }

    const me = await this.deps.gateway.getMe(caller);
    const requester = { requesterId: caller.userId, requesterAddress: me.address, requesterName: me.displayName || caller.name };
    const target = { ownerId: owner.id, ownerAddress: owner.address, ownerName: owner.displayName };
    const recipient = await this.deps.notifier.reachable(owner.id);
    if (recipient) {
      const request = await this.deps.accessRequests.create({ ...requester, ...target, channel: 'teams' });
      await this.deps.notifier.notify(owner.id, [cardReply(ownerRequestCard(recipient.t, request))], { dedupeKey: `access-request:${request.id}` });
      return { card: noticeCard({ title, paragraphs: [t('subscribe:request.sentTeams', { owner: owner.displayName })] }) };
    }
    // The owner never talked to the bot: the bot cannot start a Teams chat with them, so the request goes by mail.
    const vars = { owner: escapeHtml(owner.displayName), requester: escapeHtml(requester.requesterName), address: escapeHtml(requester.requesterAddress) };
    await this.deps.gateway.sendMail(caller, {
      to: [owner.address],
      subject: t('subscribe:request.emailSubject', { requester: requester.requesterName }),
      html: t('subscribe:request.emailBody', vars),
    });
    await this.deps.accessRequests.create({ ...requester, ...target, channel: 'email' });
    return { card: noticeCard({ title, paragraphs: [t('subscribe:request.sentEmail', { owner: owner.displayName })] }) };
  }

  /** The owner's "Decline": only the owner, only once; the requester is told in their own language. */
  async decline(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const input = parseCardData(answerData, data);
    const request = input && (await this.deps.accessRequests.get(input.requestId));
    if (!request) return { replies: [textReply(t('subscribe:invalidCard'))] };
    if (request.ownerId !== caller.userId) return { replies: [textReply(t('subscribe:request.notYours', { owner: request.ownerName }))] };
    const title = t('subscribe:request.ownerTitle', { requester: request.requesterName });
    if (!(await this.deps.accessRequests.decline(request.id))) {
      // Shared from this card meanwhile: say so, and above all do not tell the requester no.
      const current = await this.deps.accessRequests.get(request.id);
      const answered = current?.status === 'granted' ? t('subscribe:request.alreadyGranted', { requester: request.requesterName }) : t('subscribe:request.alreadyAnswered');
      return { card: noticeCard({ title, paragraphs: [answered] }) };
    }
    const requester = await this.deps.notifier.reachable(request.requesterId);
    if (requester) {
      const text = requester.t('subscribe:request.requesterDeclined', { owner: request.ownerName });
      await this.deps.notifier.notify(request.requesterId, [textReply(text)], { dedupeKey: `access-request-declined:${request.id}` });
    }
    return { card: noticeCard({ title, paragraphs: [t('subscribe:request.declined', { requester: request.requesterName })] }) };
  }

  private async resolveOwner(caller: Caller, address: string): Promise<Person | undefined> {
    try {
      return await this.deps.gateway.resolvePerson(caller, { address });
    } catch (error) {
      if (isGraphError(error) && (error.reason === 'notFound' || error.reason === 'invalidRequest')) return undefined;
      throw error;
    }
  }
}

/** The owner's card, in the owner's language: share with the requester in one click, or decline. */
export function ownerRequestCard(t: Translate, request: AccessRequest): AdaptiveCardJson {
  return renderCard('access-request-owner', {
    title: t('subscribe:request.ownerTitle', { requester: request.requesterName }),
    text: t('subscribe:request.ownerText', { requester: request.requesterName, address: request.requesterAddress }),
    share: t('subscribe:request.share', { firstName: firstNameOf(request.requesterName) }),
    decline: t('subscribe:request.decline'),
    requesterAddress: request.requesterAddress,
    requestId: request.id,
  });
}

const escapeHtml = htmlText;
