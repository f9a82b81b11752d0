import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { InvitationAnswers } from './invitation-answers';
import type { Invitation } from './invitation';
import type { InvitationStore } from './invitation-store';
import type { ShareNotices } from './share-notices';
import type { Notifier } from '../dialogs/notifier';
import { notifyPerson } from './share-deps';
import type { ShareService } from './share-service';
import { isGraphError } from '../graph/graph-error';
import { isIdentityRefusal, refusalReason } from '../jobs/identity-refusal';
import type { ParkedJobStore } from '../jobs/parked-job-store';
import { retryAccessMail, type AccessMail, type AccessMailDeps } from './access-mail';
import type { InvitationEmailFallback } from './invitation-email-fallback';

export interface ShareMaintenanceDeps {
  service: ShareService;
  answers: InvitationAnswers;
  invitations: InvitationStore;
  notifier: Notifier;
  notices: ShareNotices;
  clock: Clock;
  logger?: Logger;
  /** An operation untouched for this long is taken to be interrupted (its process stopped). Default 60 s. */
  staleAfterMs?: number;
  /** A grant or role change interrupted longer ago than this is dropped, not completed. Default 24 h. */
  maxCompletionAgeMs?: number;
  /** Work waiting for the app identity; the sweeps leave a parked item alone until its next attempt. */
  parked?: ParkedJobStore;
  emailFallback?: Pick<InvitationEmailFallback, 'retry'>;
  accessMail?: AccessMailDeps;
}

export interface RecoveryReport {
  completed: number;
  /** Could not be finished now (Graph busy...): tried again on the next run. */
  left: number;
}

/**
 * The share feature's background work: finishing operations a stopped process left half done, and
 * revoking shares whose end date has come. The runtime runs both on an interval; tests call them
 * with a fake clock.
 */
export class ShareMaintenance {
  private readonly staleAfterMs: number;
  private readonly maxCompletionAgeMs: number;

  constructor(private readonly deps: ShareMaintenanceDeps) {
    this.staleAfterMs = deps.staleAfterMs ?? 60_000;
    this.maxCompletionAgeMs = deps.maxCompletionAgeMs ?? 24 * 3600_000;
  }

  /**
   * Finishes every operation interrupted between its Graph write and its notifications: checks
   * Graph, then queues what was not queued (once: notifications are keyed by the operation).
   * Several instances may run it at once; each operation is taken over by one of them.
   */
  async recoverInterruptedShares(): Promise<RecoveryReport> {
    const now = this.deps.clock.now();
    const staleBefore = new Date(now.getTime() - this.staleAfterMs);
    const report: RecoveryReport = { completed: 0, left: 0 };
    const { parked } = this.deps;
    for (const candidate of await this.deps.invitations.listInterrupted(staleBefore)) {
      if (await parked?.isWaiting('recover', candidate.id)) continue;
      const invitation = await this.deps.invitations.takeOver(candidate, staleBefore);
      if (!invitation?.intent) continue;
      try {
        if (await this.resume(invitation, now)) {
          report.completed += 1;
          await parked?.clear('recover', invitation.id);
        } else report.left += 1;
      } catch (error) {
        report.left += 1;
        // Accept and decline run with the recipient's own token, at their next turn: nothing to park for the owner.
        if (!['accept', 'decline'].includes(invitation.intent.op)) await this.parkIfRefused('recover', invitation, error);
        this.deps.logger?.warn({ err: error, invitation: invitation.id, op: invitation.intent.op }, 'interrupted share not finished yet');
      }
    }
    return report;
  }

  /** The app identity has no token or Graph refused it: the work waits, visibly, for its next attempt. */
  private async parkIfRefused(kind: 'recover' | 'expire', invitation: Invitation, error: unknown): Promise<void> {
    if (!this.deps.parked || !isIdentityRefusal(error) || !isGraphError(error)) return;
    await this.deps.parked.park(
      { kind, ref: invitation.id, ownerUserId: invitation.owner.userId, calendarName: invitation.calendar.name, recipient: invitation.recipient.address },
      refusalReason(error),
    );
  }

  /**
   * Tries again the parked work that lives nowhere else (fallback and access-change emails) once its
   * time has come; expiry and recovery retry through their own sweeps. Returns how many were tried.
   */
  async retryParkedJobs(): Promise<number> {
    const { parked, emailFallback, accessMail } = this.deps;
    if (!parked) return 0;
    const due = await parked.takeDue(['emailFallback', 'accessMail']);
    for (const job of due) {
      try {
        if (job.kind === 'emailFallback' && emailFallback) await emailFallback.retry(job.ref);
        if (job.kind === 'accessMail' && accessMail) await retryAccessMail(accessMail, job.payload as AccessMail);
      } catch (error) {
        this.deps.logger?.warn({ err: error, kind: job.kind }, 'parked job not done yet');
      }
    }
    return due.length;
  }

  /** Runs the rest of the operation; false when it must wait for a later run (an email not sent yet). */
  private async resume(invitation: Invitation, now: Date): Promise<boolean> {
    const intent = invitation.intent;
    if (!intent) return true;
    const { service, answers, invitations, notifier, notices } = this.deps;
    const tooOld = now.getTime() - Date.parse(intent.startedAt) > this.maxCompletionAgeMs;
    // Nobody is in a turn: the app identity acts, and a refusal leaves the operation open (parked).
    const retry = { retryTransient: true, background: true };
    switch (intent.op) {
      case 'grant': {
        if (tooOld && !invitation.permissionId) {
          await invitations.finish(invitation.id, intent.id, { status: 'failed', failure: 'interrupted' });
          await notifyPerson(notifier, invitation.owner.userId, (to) => notices.abandoned(invitation, to), `${intent.id}:abandoned`);
          return true;
        }
        const result = await service.completeGrant(invitation, retry);
        if (result.status === 'pending') {
          await notifyPerson(notifier, invitation.owner.userId, (to) => notices.deliveredLate(result, to), `${intent.id}:late`);
        }
        return result.status !== 'granting';
      }
      case 'changeRole':
        if (tooOld) {
          await invitations.finish(invitation.id, intent.id, {});
          await notifyPerson(notifier, invitation.owner.userId, (to) => notices.abandoned(invitation, to), `${intent.id}:abandoned`);
          return true;
        }
        await service.completeRoleChange(invitation, retry);
        return true;
      case 'revoke':
      case 'expire':
        await service.completeRevoke(invitation, retry);
        return true;
      case 'accept':
        await answers.completeAccept(invitation, retry);
        return true;
      case 'decline':
        await answers.completeDecline(invitation);
        return true;
    }
  }

  /** Revokes the shares whose end date is `now` or earlier; owner and recipient are told. */
  async expireDueShares(now: Date = this.deps.clock.now()): Promise<number> {
    let expired = 0;
    for (const invitation of await this.deps.invitations.listDue(now)) {
      if (await this.deps.parked?.isWaiting('expire', invitation.id)) continue;
      try {
        const result = await this.deps.service.revoke(invitation, 'system', 'expire');
        if (result.status === 'expired') {
          expired += 1;
          await this.deps.parked?.clear('expire', invitation.id);
        }
      } catch (error) {
        await this.parkIfRefused('expire', invitation, error);
        // Left as it is: the next sweep tries again.
        this.deps.logger?.warn({ err: error, invitation: invitation.id }, 'share not expired yet');
      }
    }
    return expired;
  }
}

/**
 * Runtime only (tests call the maintenance directly with a fake clock): finishes interrupted
 * operations at start-up, then both jobs on an interval. Returns a stop function.
 */
export function startShareMaintenance(maintenance: ShareMaintenance, intervalMs: number, logger?: Logger): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await maintenance.recoverInterruptedShares();
      await maintenance.expireDueShares();
      await maintenance.retryParkedJobs();
    } catch (error) {
      logger?.error({ err: error }, 'share maintenance failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
