import type { CalendarRole, Caller } from '../graph/calendar-gateway';
import { isGraphError } from '../graph/graph-error';
import { translatorFor } from '../i18n';
import { accessMailTo, mailAccessChange } from './access-mail';
import type { Intent, Invitation, InvitationCalendar, InvitationOwner, InvitationRecipient } from './invitation';
import { newInvitationCode } from './invitation-code';
import { invitationUndeliverable } from './invitation-email-fallback';
import { notifyPerson } from './share-deps';
import { shareFailureReason } from './share-refusal';
import { isIdentityRefusal } from '../jobs/identity-refusal';
import { isWorthRetryingLater, leavesWaiting, ownerMailbox, ShareOperations, type StepOptions } from './share-operations';
import { noteUntrackedChange, type UntrackedChange } from './untracked-change';

type Delivery = { kind: 'sent' } | { kind: 'later' } | { kind: 'undeliverable'; reason: string };

/** One recipient of a confirmed share. */
export interface ShareRequest {
  draftId?: string;
  owner: InvitationOwner;
  calendar: InvitationCalendar;
  recipient: InvitationRecipient;
  role: CalendarRole;
  expiresAt?: string;
}

/**
 * Shares, role changes and revocations, each written so that a stop at any point can be finished
 * later: the operation is recorded on the invitation before its Graph call, every step after the
 * call is idempotent (notifications and audit entries are keyed by the operation id), and the
 * result is recorded in the same update that ends the operation.
 */
export class ShareService extends ShareOperations {
  /**
   * Shares a calendar with one person and invites them. Someone who already has a live share gets
   * their role (and end date) changed instead. A Graph refusal is recorded on the invitation
   * (`failed`, with its reason); anything else (a stop) leaves the operation for recovery.
   */
  async share(request: ShareRequest): Promise<Invitation> {
    const { invitations } = this.deps;
    const existing = await invitations.findActive(request.owner.userId, request.calendar.id, request.recipient.address);
    if (existing?.status === 'granting') return existing;
    if (existing) return this.changeRole(existing, request.owner.userId, request.role, request.expiresAt ?? null);

    const invitation = await invitations.create({ ...request, intent: this.intent('grant', request.owner.userId) });
    return this.completeGrant(invitation);
  }

  /**
   * The grant's steps after the invitation is recorded; recovery runs them again safely, and with
   * `retryTransient` leaves a throttled or unavailable Graph for a later attempt instead of failing.
   */
  completeGrant(invitation: Invitation, options: StepOptions = {}): Promise<Invitation> {
    return this.keepingAlive(invitation, () => this.runGrant(invitation, options));
  }

  private async runGrant(invitation: Invitation, options: StepOptions): Promise<Invitation> {
    const intent = this.requireIntent(invitation);
    const { gateway, invitations } = this.deps;
    let permissionId: string;
    await this.deps.hooks?.beforeGraphWrite?.('grant', invitation);
    try {
      const permission = await gateway.grantPermission(ownerMailbox(invitation, options), {
        calendarId: invitation.calendar.id,
        recipient: { address: invitation.recipient.address, name: invitation.recipient.name },
        role: invitation.role,
      });
      permissionId = permission.id;
    } catch (error) {
      if (!isGraphError(error) || leavesWaiting(error, options)) throw error;
      await this.record(invitation, intent, 'shareFailed');
      await invitations.finish(invitation.id, intent.id, { status: 'failed', failure: shareFailureReason(error, invitation, this.deps.policy) });
      return this.reload(invitation);
    }
    await invitations.advance(invitation.id, intent.id, { permissionId });
    await this.deps.hooks?.afterGraphWrite?.('grant', invitation);
    const delivery = await this.deliver({ ...invitation, permissionId }, options);
    if (delivery.kind === 'later') return this.reload(invitation);
    await this.record(invitation, intent, 'shared');
    await invitations.finish(invitation.id, intent.id, { status: 'pending', failure: delivery.kind === 'undeliverable' ? `mail:${delivery.reason}` : null });
    return this.reload(invitation);
  }

  /**
   * Sends the invitation: in Teams when the bot can reach the recipient, else by email from the
   * owner's mailbox with a code for /accept. `later`: the email could not be sent yet (Graph busy,
   * no token now); the operation stays open and recovery sends it. `undeliverable`: Graph refused
   * the email for good (an address that does not exist...); the share stands and the owner is told.
   */
  private async deliver(invitation: Invitation, options: StepOptions): Promise<Delivery> {
    const intent = this.requireIntent(invitation);
    const { notifier, notices, invitations } = this.deps;
    // The card shows the invitation as the recipient will find it: open, waiting for their answer.
    const sent: Invitation = { ...invitation, status: 'pending', intent: undefined, intentAt: undefined };
    const undeliverable = { kind: invitationUndeliverable, id: invitation.id };
    const invite = () => notifyPerson(notifier, invitation.recipient.userId, (to) => notices.invitation(sent, to), `invite:${invitation.id}`, undeliverable);
    let inTeams = await invite();
    // Someone inside who never opened the bot: install it for them, then write in that chat.
    const recipientId = invitation.recipient.userId;
    if (!inTeams && recipientId && this.deps.reachByInstall && (await this.deps.reachByInstall(recipientId, invitation.owner.userId))) inTeams = await invite();
    if (inTeams) {
      await invitations.advance(invitation.id, intent.id, { channel: 'teams' });
      return { kind: 'sent' };
    }
    const mail = await this.invitationMail(invitation, intent);
    try {
      await this.deps.gateway.sendMail(ownerMailbox(invitation, options), { to: [invitation.recipient.address], ...mail });
      return { kind: 'sent' };
    } catch (error) {
      if (!isGraphError(error)) throw error;
      if (!isWorthRetryingLater(error) && !leavesWaiting(error, options)) {
        if (this.mailsLink(invitation)) await this.deps.externalLinks?.mailRefused(invitation);
        return { kind: 'undeliverable', reason: error.reason };
      }
      this.deps.logger?.warn({ reason: error.reason, invitation: invitation.id }, 'invitation email not sent yet; recovery will retry');
      await invitations.advance(invitation.id, intent.id, { failure: `mail:${error.reason}` });
      // In the background a refused app identity parks the recovery (visible, retried on a schedule).
      if (options.background && isIdentityRefusal(error)) throw error;
      return { kind: 'later' };
    }
  }

  /** Someone outside gets a personal subscription link when links are in use; anyone else a code for /accept. */
  private mailsLink(invitation: Invitation): boolean {
    return Boolean(this.deps.externalLinks) && !invitation.recipient.isInsideOrganization;
  }

  private async invitationMail(invitation: Invitation, intent: Intent): Promise<{ subject: string; html: string }> {
    const { externalLinks, notices, invitations } = this.deps;
    if (externalLinks && this.mailsLink(invitation)) {
      await invitations.advance(invitation.id, intent.id, { channel: 'email' });
      return externalLinks.invitationMail(invitation);
    }
    const code = invitation.code ?? (await this.assignCode(invitation, intent));
    return notices.invitationMail({ ...invitation, code }, code, { t: translatorFor(invitation.owner.locale), locale: invitation.owner.locale });
  }

  private async assignCode(invitation: Invitation, intent: Intent): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const code = newInvitationCode();
      try {
        await this.deps.invitations.advance(invitation.id, intent.id, { channel: 'email', code });
        return code;
      } catch (error) {
        // A code already in use (unique index): draw another one.
        if (attempt >= 4) throw error;
      }
    }
  }

  /**
   * Changes the role of a live share (and its end date). The recipient is told; an accepted share's
   * subscription follows. Graph refusals are thrown as GraphError after the operation is released.
   */
  async changeRole(invitation: Invitation, actorUserId: string, role: CalendarRole, expiresAt?: string | null): Promise<Invitation> {
    const intent = { ...this.intent('changeRole', actorUserId), role, previousRole: invitation.role, expiresAt: expiresAt === undefined ? invitation.expiresAt ?? null : expiresAt };
    const claimed = await this.deps.invitations.claim(invitation.id, ['pending', 'accepted'], intent);
    if (!claimed) return this.reload(invitation);
    return this.completeRoleChange(claimed);
  }

  completeRoleChange(invitation: Invitation, options: StepOptions = {}): Promise<Invitation> {
    return this.keepingAlive(invitation, () => this.runRoleChange(invitation, options));
  }

  private async runRoleChange(invitation: Invitation, options: StepOptions): Promise<Invitation> {
    const intent = this.requireIntent(invitation);
    const role = intent.role ?? invitation.role;
    await this.releaseOnGraphError(
      invitation,
      intent,
      () => this.setRole(invitation, role, options),
      options,
    );
    await this.deps.hooks?.afterGraphWrite?.('changeRole', invitation);
    const previousRole = intent.previousRole ?? invitation.role;
    if (role !== previousRole) {
      if (invitation.status === 'accepted') await this.followSubscription(invitation, role);
      await this.deps.externalLinks?.levelChanged(invitation, role);
      const change = { ownerName: invitation.owner.name, calendarName: invitation.calendar.name, role, previousRole };
      const told = await notifyPerson(this.deps.notifier, invitation.recipient.userId, (to) => this.deps.notices.roleChanged(change, to), intent.id);
      if (!told) await mailAccessChange(this.deps, { ...accessMailTo(invitation, options), change, what: 'roleChanged', dedupeKey: intent.id });
      await this.record(invitation, intent, 'roleChanged', role, previousRole);
    }
    await this.deps.invitations.finish(invitation.id, intent.id, { role, expiresAt: intent.expiresAt ?? null });
    return this.reload(invitation);
  }

  /**
   * The recipient's entry gets `role`: by the permission id the grant recorded (one PATCH), or, when
   * there is none or it no longer exists (changed in Outlook), by address through a grant.
   */
  private async setRole(invitation: Invitation, role: CalendarRole, options: StepOptions): Promise<void> {
    const owner = ownerMailbox(invitation, options);
    const calendarId = invitation.calendar.id;
    if (invitation.permissionId) {
      try {
        await this.deps.gateway.updatePermission(owner, { calendarId, permissionId: invitation.permissionId, role });
        return;
      } catch (error) {
        if (!isGraphError(error) || error.reason !== 'notFound') throw error;
      }
    }
    await this.deps.gateway.grantPermission(owner, { calendarId, recipient: { address: invitation.recipient.address, name: invitation.recipient.name }, role });
  }

  /** False when the recorded entry is not there any more (then it is looked up by address). */
  private async revokedById(owner: Caller, invitation: Invitation, permissionId: string): Promise<boolean> {
    try {
      await this.deps.gateway.revokePermission(owner, { calendarId: invitation.calendar.id, permissionId });
      return true;
    } catch (error) {
      if (isGraphError(error) && error.reason === 'notFound') return false;
      throw error;
    }
  }

  /** Stops a live share (the owner's choice, or its end date). Both ends are told as fits. */
  async revoke(invitation: Invitation, actorUserId: string, op: 'revoke' | 'expire' = 'revoke'): Promise<Invitation> {
    const intent = { ...this.intent(op, actorUserId), previousRole: invitation.role };
    const claimed = await this.deps.invitations.claim(invitation.id, ['pending', 'accepted'], intent);
    if (!claimed) return this.reload(invitation);
    // An end date is nobody's turn: the app identity revokes.
    return this.completeRevoke(claimed, { background: op === 'expire' });
  }

  completeRevoke(invitation: Invitation, options: StepOptions = {}): Promise<Invitation> {
    return this.keepingAlive(invitation, () => this.runRevoke(invitation, options));
  }

  private async runRevoke(invitation: Invitation, options: StepOptions): Promise<Invitation> {
    const intent = this.requireIntent(invitation);
    const { gateway, notices, notifier } = this.deps;
    const owner = ownerMailbox(invitation, options);
    await this.releaseOnGraphError(
      invitation,
      intent,
      async () => {
        // The entry the grant created, in one round trip; looked up by address when it is gone or was never recorded.
        if (invitation.permissionId && (await this.revokedById(owner, invitation, invitation.permissionId))) return;
        const permissions = await gateway.listPermissions(owner, { calendarId: invitation.calendar.id });
        const permission = permissions.find((candidate) => candidate.recipient.address?.toLowerCase() === invitation.recipient.address);
        if (permission?.isRemovable) await gateway.revokePermission(owner, { calendarId: invitation.calendar.id, permissionId: permission.id });
      },
      options,
    );
    await this.deps.hooks?.afterGraphWrite?.(intent.op, invitation);
    await this.dropSubscription(invitation);
    await this.deps.externalLinks?.revoked(invitation);
    const reason = intent.op === 'expire' ? 'expired' : 'revoked';
    const change = { ownerName: invitation.owner.name, calendarName: invitation.calendar.name, role: invitation.role };
    const told = await notifyPerson(notifier, invitation.recipient.userId, (to) => notices.accessEnded(change, reason, to), intent.id);
    if (!told) await mailAccessChange(this.deps, { ...accessMailTo(invitation, options), change, what: reason, dedupeKey: intent.id });
    if (reason === 'expired') await notifyPerson(notifier, invitation.owner.userId, (to) => notices.expiredForOwner(invitation, to), `${intent.id}:owner`);
    await this.record(invitation, intent, reason, undefined, invitation.role);
    await this.deps.invitations.finish(invitation.id, intent.id, { status: reason, decidedAt: this.now() });
    return this.reload(invitation);
  }

  /**
   * A change made from /permissions to access the bot did not grant (set in Outlook): there is no
   * invitation to update, so it is audited and the person told, when the bot can reach them.
   */
  async noteUntrackedChange(change: UntrackedChange): Promise<void> {
    return noteUntrackedChange(this.deps, change);
  }
}
