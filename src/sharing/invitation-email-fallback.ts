import { appActingOn } from '../graph/calendar-gateway';
import { isGraphError } from '../graph/graph-error';
import { translatorFor } from '../i18n';
import { isIdentityRefusal, refusalReason } from '../jobs/identity-refusal';
import type { Invitation } from './invitation';
import { newInvitationCode } from './invitation-code';
import { notifyPerson, type ShareServiceDeps } from './share-deps';
import { isTransient } from './share-operations';

/** The outbox kind of a Teams invitation: when it cannot be delivered, it goes by email (deliverByEmailInstead). */
export const invitationUndeliverable = 'shareInvitation';

export type EmailFallbackDeps = Pick<ShareServiceDeps, 'invitations' | 'notices' | 'notifier' | 'gateway' | 'parked' | 'logger'>;

/** Moves a Teams invitation that could not be delivered to email, from the outbox. */
export class InvitationEmailFallback {
  constructor(private readonly deps: EmailFallbackDeps) {}

  /**
   * The Teams invitation could not be delivered for good (the recipient removed or blocked the app,
   * the chat is gone): it goes by email with a code, like for someone the bot cannot reach, and the
   * owner is told. Runs from the outbox, outside any turn, so the app identity sends the email. The
   * switch to email is recorded first (compare and set): of two runs, only the one that switched
   * sends. An email that cannot go yet is parked and retried (`retry`), never dropped.
   */
  async deliverByEmailInstead(invitationId: string): Promise<void> {
    const { invitations } = this.deps;
    const invitation = await invitations.get(invitationId);
    // Answered, ended or already moved to email: nothing is lost any more.
    if (!invitation || invitation.channel !== 'teams' || !['granting', 'pending'].includes(invitation.status)) return;
    // Another operation holds it (the grant still finishing...): try again once it is done.
    if (invitation.intent) throw new Error(`Invitation ${invitation.id} is busy; email fallback later`);
    if (invitation.status !== 'pending') return;
    const code = invitation.code ?? (await this.assignFallbackCode(invitation));
    if (!code) return;
    if (!(await invitations.switchToEmail(invitation.id, null))) return;
    await this.send({ ...invitation, code, channel: 'email' });
  }

  /** A parked fallback email, tried again on its schedule. */
  async retry(invitationId: string): Promise<void> {
    const invitation = await this.deps.invitations.get(invitationId);
    if (!invitation?.code || invitation.channel !== 'email' || invitation.status !== 'pending') {
      await this.deps.parked?.clear('emailFallback', invitationId);
      return;
    }
    await this.send({ ...invitation, code: invitation.code });
  }

  private async send(invitation: Invitation & { code: string }): Promise<void> {
    const { invitations, notices, notifier, parked } = this.deps;
    const mail = notices.invitationMail(invitation, invitation.code, { t: translatorFor(invitation.owner.locale), locale: invitation.owner.locale });
    try {
      await this.deps.gateway.sendMail(appActingOn(invitation.owner.userId), { to: [invitation.recipient.address], ...mail });
    } catch (error) {
      if (!isGraphError(error)) throw error;
      if (parked && (isTransient(error) || isIdentityRefusal(error))) {
        await parked.park(
          { kind: 'emailFallback', ref: invitation.id, ownerUserId: invitation.owner.userId, calendarName: invitation.calendar.name, recipient: invitation.recipient.address },
          isIdentityRefusal(error) ? refusalReason(error) : error.reason,
        );
        this.deps.logger?.warn({ reason: error.reason, invitation: invitation.id }, 'invitation fallback email parked; retried later');
        return;
      }
      if (isTransient(error) || isIdentityRefusal(error)) throw error;
      await invitations.recordMailFailure(invitation.id, `mail:${error.reason}`);
    }
    await parked?.clear('emailFallback', invitation.id);
    const moved = (await invitations.get(invitation.id)) ?? invitation;
    await notifyPerson(notifier, invitation.owner.userId, (to) => notices.movedToEmail(moved, to), `${invitation.id}:email-fallback`);
  }

  /** A fresh code for an invitation moving to email, or the one a concurrent run stored; undefined if it changed meanwhile. */
  private async assignFallbackCode(invitation: Invitation): Promise<string | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newInvitationCode();
      try {
        if (await this.deps.invitations.setFallbackCode(invitation.id, code)) return code;
        return (await this.deps.invitations.get(invitation.id))?.code;
      } catch {
        // A code already in use (unique index): draw another one.
      }
    }
    throw new Error(`No free invitation code for ${invitation.id}`);
  }
}
