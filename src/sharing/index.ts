import type { AttemptLimiter } from './attempt-limiter';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Feature } from '../dialogs/feature';
import type { Notifier } from '../dialogs/notifier';
import { createPermissionsFeature } from '../dialogs/permissions/permissions-feature';
import type { PersonDirectory, ShareFeatureDeps } from '../dialogs/share/feature-deps';
import { createShareFeature } from '../dialogs/share/share-feature';
import { shareNotices } from '../dialogs/share/share-notices';
import type { CalendarGateway } from '../graph/calendar-gateway';
import type { DatabaseSchema } from '../storage/schema';
import { AccessRequestStore } from '../subscriptions/access-request-store';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { Kysely } from 'kysely';
import { AuditStore } from './audit-store';
import { InvitationAnswers } from './invitation-answers';
import { InvitationEmailFallback, invitationUndeliverable } from './invitation-email-fallback';
import { InvitationStore } from './invitation-store';
import { notifyPerson, type ExternalShareLinks, type ShareHooks } from './share-deps';
import type { ParkedJobStore } from '../jobs/parked-job-store';
import { ShareDraftStore } from './share-draft';
import { ShareMaintenance } from './share-maintenance';
import { ShareService } from './share-service';
import type { SharingPolicy } from './sharing-policy';

export interface SharingDeps {
  db: Kysely<DatabaseSchema>;
  gateway: CalendarGateway;
  notifier: Notifier;
  subscriptions: Pick<SubscriptionStore, 'upsert' | 'listFor' | 'remove'>;
  policy: SharingPolicy;
  clock: Clock;
  logger?: Logger;
  directory?: PersonDirectory;
  /** Tests only: see ShareHooks. */
  hooks?: ShareHooks;
  /** Wrong /accept codes per person (see AttemptLimiter). */
  acceptAttempts?: AttemptLimiter;
  /** Tests only: a faster heartbeat of running operations (ShareServiceDeps.heartbeatMs). */
  heartbeatMs?: number;
  /** Personal subscription links for shares with people outside (see ExternalShareLinks). */
  externalLinks?: ExternalShareLinks;
  /** Published calendar links for /permissions (see ShareFeatureDeps). */
  publishedLinks?: ShareFeatureDeps['publishedLinks'];
  /** The steps to add an accepted calendar in Outlook (see ShareFeatureDeps). */
  outlookSteps?: ShareFeatureDeps['outlookSteps'];
  /** Background work waiting for the app identity (issue 9). */
  parked?: ParkedJobStore;
  /** Installs the app for a recipient who never opened the bot (issue 9). */
  reachByInstall?: (recipientUserId: string, ownerUserId: string) => Promise<boolean>;
}

export interface Sharing {
  /** /share + /accept + invitation cards, and /permissions. */
  features: Feature[];
  /** Background work: recovery of interrupted operations, expiry of shares with an end date. */
  maintenance: ShareMaintenance;
  invitations: InvitationStore;
  audit: AuditStore;
  /** Sends the invitation card again to its recipient (the helpdesk's prepared fix); false when it no longer waits for them. */
  resendInvitation(invitationId: string, recipientUserId: string, dedupeKey: string): Promise<boolean>;
}

/** Builds the share feature with its stores and services, over the bot's database. */
export function createSharing(deps: SharingDeps): Sharing {
  const invitations = new InvitationStore(deps.db, deps.clock);
  const audit = new AuditStore(deps.db, deps.clock);
  const drafts = new ShareDraftStore(deps.db, deps.clock);
  const serviceDeps = { ...deps, invitations, audit, notices: shareNotices };
  const service = new ShareService(serviceDeps);
  const emailFallback = new InvitationEmailFallback(serviceDeps);
  deps.notifier.whenUndeliverable?.(invitationUndeliverable, (ref) => emailFallback.deliverByEmailInstead(ref.id));
  const answers = new InvitationAnswers(serviceDeps);
  const maintenance = new ShareMaintenance({
    service,
    answers,
    invitations,
    notifier: deps.notifier,
    notices: shareNotices,
    clock: deps.clock,
    logger: deps.logger,
    parked: deps.parked,
    emailFallback,
    accessMail: serviceDeps,
  });
  // The same records the subscribe feature's store reads: a share can answer an access request.
  const accessRequests = new AccessRequestStore(deps.db, deps.clock);
  const featureDeps = { ...deps, drafts, invitations, audit, service, answers, accessRequests, outsidersGetLinks: Boolean(deps.externalLinks) };
  const resendInvitation = async (invitationId: string, recipientUserId: string, dedupeKey: string): Promise<boolean> => {
    const invitation = await invitations.get(invitationId);
    // Only an invitation still waiting, for this very person: an id from a card proves nothing.
    if (!invitation || invitation.status !== 'pending' || invitation.recipient.userId !== recipientUserId) return false;
    return notifyPerson(deps.notifier, recipientUserId, (to) => shareNotices.invitation(invitation, to), dedupeKey);
  };
  return { features: [createShareFeature(featureDeps), createPermissionsFeature(featureDeps)], maintenance, invitations, audit, resendInvitation };
}
