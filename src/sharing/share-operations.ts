import { randomUUID } from 'node:crypto';
import type { CalendarRole } from '../graph/calendar-gateway';
import { isGraphError, type GraphErrorReason } from '../graph/graph-error';
import type { AuditAction } from './audit-store';
import type { Intent, IntentOp, Invitation } from './invitation';
import type { ShareServiceDeps } from './share-deps';

/** Graph failures worth trying again later rather than reporting as the operation's result. */
export const transientReasons: ReadonlySet<GraphErrorReason> = new Set(['throttled', 'unavailable', 'timeout']);

export function isTransient(error: unknown): boolean {
  return isGraphError(error) && transientReasons.has(error.reason);
}

/**
 * What background work (recovery, outside any user turn) waits out rather than records as the
 * result: Graph being busy, and having no token for the user right now (production tokens come
 * with the user's turns; see the report on offline access).
 */
const laterReasons: ReadonlySet<GraphErrorReason> = new Set([...transientReasons, 'unauthenticated', 'consentRequired']);

export function isWorthRetryingLater(error: unknown): boolean {
  return isGraphError(error) && laterReasons.has(error.reason);
}

/** A third of recovery's default 60 s: two missed beats still leave the operation alive. */
const defaultHeartbeatMs = 20_000;

/** What every share operation needs: its record, its audit entry, the sharee's subscription. */
export abstract class ShareOperations {
  constructor(protected readonly deps: ShareServiceDeps) {}

  /**
   * A Graph failure ends the operation with nothing changed, then goes to the caller; with
   * `retryTransient` (recovery) a throttled or unavailable Graph leaves it open for a later attempt.
   */
  protected async releaseOnGraphError<T>(invitation: Invitation, intent: Intent, write: () => Promise<T>, retryTransient = false): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isGraphError(error) && !(retryTransient && isWorthRetryingLater(error))) await this.deps.invitations.finish(invitation.id, intent.id, {});
      throw error;
    }
  }

  /**
   * Runs an operation's steps while refreshing its `intent_at` (a heartbeat), so that recovery on
   * any instance never takes over an operation that is still running, however long Graph makes it
   * wait. The heartbeat stops with the call: an operation left open afterwards is recovery's.
   */
  protected async keepingAlive<T>(invitation: Invitation, work: () => Promise<T>): Promise<T> {
    const intent = invitation.intent;
    if (!intent) return work();
    const timer = setInterval(() => {
      this.deps.invitations.heartbeat(invitation.id, intent.id).catch((error: unknown) => this.deps.logger?.warn({ err: error }, 'share operation heartbeat failed'));
    }, this.deps.heartbeatMs ?? defaultHeartbeatMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  protected async followSubscription(invitation: Invitation, role: CalendarRole): Promise<void> {
    const userId = invitation.recipient.userId;
    if (!userId) return;
    const current = await this.subscriptionOf(invitation);
    if (current) await this.deps.subscriptions.upsert({ ...this.subscriptionInput(invitation, userId), role });
  }

  protected async dropSubscription(invitation: Invitation): Promise<void> {
    const subscription = await this.subscriptionOf(invitation);
    if (subscription) await this.deps.subscriptions.remove(subscription.id);
  }

  protected subscriptionInput(invitation: Invitation, userId: string) {
    return {
      userId,
      ownerAddress: invitation.owner.address,
      ownerName: invitation.owner.name,
      calendarId: invitation.calendar.id,
      calendarName: invitation.calendar.name,
      role: invitation.role,
      source: 'invitation' as const,
    };
  }

  private async subscriptionOf(invitation: Invitation) {
    const userId = invitation.recipient.userId;
    if (!userId) return undefined;
    const owner = invitation.owner.address.toLowerCase();
    const subscriptions = await this.deps.subscriptions.listFor(userId);
    return subscriptions.find((candidate) => candidate.ownerAddress.toLowerCase() === owner && candidate.calendarId === invitation.calendar.id);
  }

  protected record(invitation: Invitation, intent: Intent, action: AuditAction, role?: CalendarRole, previousRole?: CalendarRole): Promise<void> {
    return this.deps.audit.record({
      id: intent.id,
      ownerUserId: invitation.owner.userId,
      actorUserId: intent.actorUserId,
      action,
      calendarId: invitation.calendar.id,
      calendarName: invitation.calendar.name,
      recipientAddress: invitation.recipient.address,
      recipientName: invitation.recipient.name,
      role: role ?? invitation.role,
      previousRole,
    });
  }

  protected intent(op: IntentOp, actorUserId: string): Intent {
    return { op, id: randomUUID(), actorUserId, startedAt: this.now() };
  }

  protected requireIntent(invitation: Invitation): Intent {
    if (!invitation.intent) throw new Error(`Invitation ${invitation.id} has no operation under way`);
    return invitation.intent;
  }

  protected async reload(invitation: Invitation): Promise<Invitation> {
    return (await this.deps.invitations.get(invitation.id)) ?? invitation;
  }

  protected now(): string {
    return this.deps.clock.now().toISOString();
  }
}
