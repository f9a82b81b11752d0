import { isGraphError } from '../graph/graph-error';
import { translatorFor } from '../i18n';
import type { Invitation } from './invitation';
import { newInvitationCode } from './invitation-code';
import { notifyPerson, type ShareServiceDeps } from './share-deps';
import { isWorthRetryingLater } from './share-operations';

/** The outbox kind of a Teams invitation: when it cannot be delivered, it goes by email (deliverByEmailInstead). */
export const invitationUndeliverable = 'shareInvitation';

export type EmailFallbackDeps = Pick<ShareServiceDeps, 'invitations' | 'notices' | 'notifier' | 'gateway'>;

/** Moves a Teams invitation that could not be delivered to email, from the outbox. */
export class InvitationEmailFallback {
  constructor(private readonly deps: EmailFallbackDeps) {}

  /**
   * The Teams invitation could not be delivered for good (the recipient removed or blocked the app,
   * the chat is gone): it goes by email with a code, like for someone the bot cannot reach, and the
   * owner is told. Runs from the outbox, outside any turn, with the owner's mailbox: fine locally
   * (the emulator takes any user), in production it needs a token for the owner at that moment, so
   * a missing one throws and the outbox tries again later. Safe to run twice.
   */
  async deliverByEmailInstead(invitationId: string): Promise<void> {
    const { invitations, notices, notifier } = this.deps;
    const invitation = await invitations.get(invitationId);
    // Answered, ended or already moved to email: nothing is lost any more.
    if (!invitation || invitation.channel !== 'teams' || !['granting', 'pending'].includes(invitation.status)) return;
    // Another operation holds it (the grant still finishing...): try again once it is done.
    if (invitation.intent) throw new Error(`Invitation ${invitation.id} is busy; email fallback later`);
    if (invitation.status !== 'pending') return;
    const code = invitation.code ?? (await this.assignFallbackCode(invitation));
    if (!code) return;
    const mail = notices.invitationMail({ ...invitation, code }, code, { t: translatorFor(invitation.owner.locale), locale: invitation.owner.locale });
    let failure: string | null = null;
    try {
      await this.deps.gateway.sendMail({ userId: invitation.owner.userId }, { to: [invitation.recipient.address], ...mail });
    } catch (error) {
      if (!isGraphError(error) || isWorthRetryingLater(error)) throw error;
      failure = `mail:${error.reason}`;
    }
    if (!(await invitations.switchToEmail(invitation.id, failure))) return;
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
