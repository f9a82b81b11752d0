import type { CalendarSummary } from '../graph/calendar-gateway';
import { isGraphError, type GraphErrorReason } from '../graph/graph-error';
import type { Invitation } from './invitation';
import { notifyPerson } from './share-deps';
import { isWorthRetryingLater, ShareOperations } from './share-operations';

/** Who answers: the clicker from the authenticated activity, never from card data. */
export interface Answerer {
  userId: string;
  /**
   * For an invitation sent by email to an address with no known aadObjectId: the caller's own
   * address, read from Graph with their token, proving they are its recipient.
   */
  verifiedAddress?: string;
}

export type AnswerOutcome =
  /** `outlookList`: the recipient's calendar list, read with the readability check (what Outlook shows them). */
  | { kind: 'accepted'; invitation: Invitation; outlookList?: CalendarSummary[] }
  | { kind: 'declined'; invitation: Invitation }
  /** Nothing changed: already answered, or another click is being handled. The current state. */
  | { kind: 'unchanged'; invitation: Invitation }
  /** Graph does not (yet) let the recipient read the calendar; the invitation stays open. */
  | { kind: 'notReadable'; invitation: Invitation; reason?: GraphErrorReason; retryAfterMs?: number }
  | { kind: 'notRecipient'; invitation: Invitation };

/** Accept and decline, each happening once whatever the number of clicks or bot instances. */
export class InvitationAnswers extends ShareOperations {
  /** True when `answerer` is the person the invitation was sent to. */
  isRecipient(invitation: Invitation, answerer: Answerer): boolean {
    if (invitation.recipient.userId) return invitation.recipient.userId === answerer.userId;
    return answerer.verifiedAddress?.toLowerCase() === invitation.recipient.address;
  }

  /**
   * Accepts: checks through Graph (with the recipient's token) that the calendar is readable,
   * records the subscription, tells the owner.
   */
  async accept(invitation: Invitation, answerer: Answerer): Promise<AnswerOutcome> {
    if (!this.isRecipient(invitation, answerer)) return { kind: 'notRecipient', invitation };
    const claimed = await this.deps.invitations.claim(invitation.id, ['pending'], {
      ...this.intent('accept', answerer.userId),
      recipientUserId: answerer.userId,
    });
    if (!claimed) return { kind: 'unchanged', invitation: await this.reload(invitation) };
    return this.completeAccept(claimed);
  }

  completeAccept(invitation: Invitation, options: { retryTransient?: boolean } = {}): Promise<AnswerOutcome> {
    return this.keepingAlive(invitation, () => this.runAccept(invitation, options));
  }

  private async runAccept(invitation: Invitation, options: { retryTransient?: boolean }): Promise<AnswerOutcome> {
    const intent = this.requireIntent(invitation);
    const recipientUserId = intent.recipientUserId ?? invitation.recipient.userId ?? intent.actorUserId;
    const readable = await this.isReadable(invitation, recipientUserId, options.retryTransient ?? false);
    if ('notReadable' in readable) {
      await this.deps.invitations.finish(invitation.id, intent.id, {});
      const { reason, retryAfterMs } = readable;
      return { kind: 'notReadable', invitation: await this.reload(invitation), ...(reason !== undefined && { reason }), ...(retryAfterMs !== undefined && { retryAfterMs }) };
    }
    // Graph said yes: a stop from here on leaves the answer for recovery, which checks Graph again.
    await this.deps.hooks?.afterGraphWrite?.('accept', invitation);
    await this.deps.subscriptions.upsert(this.subscriptionInput(invitation, recipientUserId));
    await notifyPerson(this.deps.notifier, invitation.owner.userId, (to) => this.deps.notices.accepted(invitation, to), intent.id);
    await this.record(invitation, intent, 'accepted');
    await this.deps.invitations.finish(invitation.id, intent.id, { status: 'accepted', decidedAt: this.now(), recipientUserId });
    return { kind: 'accepted', invitation: await this.reload(invitation), ...(readable.outlookList && { outlookList: readable.outlookList }) };
  }

  /** Declines: recorded and the owner told. The permission stays until the owner revokes it. */
  async decline(invitation: Invitation, answerer: Answerer): Promise<AnswerOutcome> {
    if (!this.isRecipient(invitation, answerer)) return { kind: 'notRecipient', invitation };
    const claimed = await this.deps.invitations.claim(invitation.id, ['pending'], {
      ...this.intent('decline', answerer.userId),
      recipientUserId: answerer.userId,
    });
    if (!claimed) return { kind: 'unchanged', invitation: await this.reload(invitation) };
    return this.completeDecline(claimed);
  }

  completeDecline(invitation: Invitation): Promise<AnswerOutcome> {
    return this.keepingAlive(invitation, () => this.runDecline(invitation));
  }

  private async runDecline(invitation: Invitation): Promise<AnswerOutcome> {
    const intent = this.requireIntent(invitation);
    // No Graph call: the claimed answer is the write a stop can interrupt.
    await this.deps.hooks?.afterGraphWrite?.('decline', invitation);
    await notifyPerson(this.deps.notifier, invitation.owner.userId, (to) => this.deps.notices.declined(invitation, to), intent.id);
    await this.record(invitation, intent, 'declined');
    await this.deps.invitations.finish(invitation.id, intent.id, { status: 'declined', decidedAt: this.now() });
    return { kind: 'declined', invitation: await this.reload(invitation) };
  }

  /**
   * Readable, or why not: Exchange lists the owner's calendar for the recipient once they may open it. The
   * recipient's own calendar list comes in the same round trip (what Outlook shows them, for the next card).
   */
  private async isReadable(
    invitation: Invitation,
    recipientUserId: string,
    retryTransient: boolean,
  ): Promise<{ outlookList?: CalendarSummary[] } | { reason?: GraphErrorReason; retryAfterMs?: number; notReadable: true }> {
    const { shared, mine } = await this.deps.gateway.readTogether({ userId: recipientUserId }, {
      shared: { read: 'calendarsSharedBy', ownerAddress: invitation.owner.address },
      mine: { read: 'myCalendars' },
    });
    if (!shared.ok) {
      const error = shared.error;
      if (!isGraphError(error)) throw error;
      if (retryTransient && isWorthRetryingLater(error)) throw error;
      return { reason: error.reason, retryAfterMs: error.retryAfterMs, notReadable: true };
    }
    if (!shared.value.some((calendar) => calendar.id === invitation.calendar.id)) return { notReadable: true };
    return mine.ok ? { outlookList: mine.value } : {};
  }
}
