import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Notifier, UndeliverableRef } from '../dialogs/notifier';
import type { Reply } from '../dialogs/reply';
import type { CalendarGateway, CalendarRole } from '../graph/calendar-gateway';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { ParkedJobStore } from '../jobs/parked-job-store';
import type { AuditStore } from './audit-store';
import type { Intent, Invitation } from './invitation';
import type { InvitationStore } from './invitation-store';
import type { Audience, ShareNotices } from './share-notices';
import type { SharingPolicy } from './sharing-policy';

/**
 * Test seams around a share's Graph write: a test throws from one to play a process that stops
 * there (after the write and before anything is queued is the worst moment).
 */
export interface ShareHooks {
  beforeGraphWrite?(op: Intent['op'], invitation: Invitation): Promise<void> | void;
  afterGraphWrite?(op: Intent['op'], invitation: Invitation): Promise<void> | void;
}

/**
 * Shares with people outside the organisation carried by a personal subscription link instead of a
 * code for a bot they cannot reach (src/publishing implements it). Absent: codes, as before.
 */
export interface ExternalShareLinks {
  /** The invitation mail with a new personal link at the share's level (held to the policy). */
  invitationMail(invitation: Invitation): Promise<{ subject: string; html: string }>;
  /** The share's role changed: the link shows the new level. */
  levelChanged(invitation: Invitation, role: CalendarRole): Promise<void>;
  /** The share ended: the link stops. */
  revoked(invitation: Invitation): Promise<void>;
  /** Graph refused the mail carrying the link for good: a link nobody received stops. */
  mailRefused(invitation: Invitation): Promise<void>;
}

export interface ShareServiceDeps {
  gateway: CalendarGateway;
  notifier: Notifier;
  invitations: InvitationStore;
  audit: AuditStore;
  subscriptions: Pick<SubscriptionStore, 'upsert' | 'listFor' | 'remove'>;
  notices: ShareNotices;
  clock: Clock;
  logger?: Logger;
  hooks?: ShareHooks;
  /** How often a running operation refreshes its `intent_at` (default 20 s; recovery waits 60 s). */
  heartbeatMs?: number;
  externalLinks?: ExternalShareLinks;
  /** The caps configured for people outside: tells a refusal by the sharing policy from one we cannot explain. */
  policy?: SharingPolicy;
  /** Background work waiting for the app identity; without it, such work is only logged (tests of other features). */
  parked?: ParkedJobStore;
  /** Installs the app for an inside recipient the bot cannot reach yet; true when they now are reachable. */
  reachByInstall?: (recipientUserId: string, ownerUserId: string) => Promise<boolean>;
}

/**
 * Queues replies for a person in their own language, once per dedupe key. Returns false when the
 * bot cannot reach them in Teams (no 1:1 chat yet): the caller decides what else to do.
 */
export async function notifyPerson(
  notifier: Notifier,
  userId: string | undefined,
  build: (to: Audience) => Reply[],
  dedupeKey: string,
  onUndeliverable?: UndeliverableRef,
): Promise<boolean> {
  if (!userId) return false;
  const recipient = await notifier.reachable(userId);
  if (!recipient) return false;
  await notifier.notify(userId, build(recipient), { dedupeKey, ...(onUndeliverable && { onUndeliverable }) });
  return true;
}
