import { appActingOn } from '../graph/calendar-gateway';
import { isGraphError } from '../graph/graph-error';
import { translatorFor, type Locale } from '../i18n';
import { isIdentityRefusal, refusalReason } from '../jobs/identity-refusal';
import type { ParkedJobStore } from '../jobs/parked-job-store';
import type { Invitation } from './invitation';
import type { ShareServiceDeps } from './share-deps';
import { isTransient, type StepOptions } from './share-operations';
import type { AccessChange } from './share-notices';

/** A change of access to tell by email, for someone the bot cannot reach in Teams. */
export interface AccessMail {
  ownerUserId: string;
  /** The language of the email: the owner's (the recipient's own is unknown to the bot). */
  locale: Locale;
  recipient: { address: string; name: string };
  change: AccessChange;
  what: 'roleChanged' | 'revoked' | 'expired';
  /** The operation's notice key: the email goes once, however many times the step runs. */
  dedupeKey: string;
  /** Sent by a job (the app identity) rather than inside the owner's turn (their own token). */
  background?: boolean;
}

export type AccessMailDeps = Pick<ShareServiceDeps, 'notifier' | 'notices' | 'gateway' | 'logger' | 'parked'>;

/**
 * Tells a recipient the bot cannot reach in Teams (someone outside, someone without the app) by
 * email from the owner's mailbox, at most once per key. The key is taken before sending, so two
 * runs cannot both send; an email that could not go yet (Graph busy, the app identity refused) is
 * parked with what it needs and retried on a schedule (`retryAccessMail`), never dropped.
 */
export async function mailAccessChange(deps: AccessMailDeps, mail: AccessMail): Promise<void> {
  if (deps.notifier.once && !(await deps.notifier.once(`${mail.dedupeKey}:mail`))) return;
  await sendOrPark(deps, mail);
}

/** A parked access-change email's retry: its key is already this email's, so it only sends. */
export async function retryAccessMail(deps: AccessMailDeps, mail: AccessMail): Promise<void> {
  await sendOrPark(deps, { ...mail, background: true });
}

async function sendOrPark(deps: AccessMailDeps, mail: AccessMail): Promise<void> {
  const { notices, gateway, logger, parked } = deps;
  const content = notices.accessMail({ ...mail.change, recipientName: mail.recipient.name }, mail.what, { t: translatorFor(mail.locale), locale: mail.locale });
  const sender = mail.background ? appActingOn(mail.ownerUserId) : { userId: mail.ownerUserId };
  try {
    await gateway.sendMail(sender, { to: [mail.recipient.address], ...content });
    await parked?.clear('accessMail', mail.dedupeKey);
  } catch (error) {
    if (!isGraphError(error)) throw error;
    if (parked && (isTransient(error) || isIdentityRefusal(error))) {
      await park(parked, mail, isIdentityRefusal(error) ? refusalReason(error) : error.reason);
      logger?.warn({ reason: error.reason, what: mail.what }, 'access change email parked; retried later');
      return;
    }
    // Refused for good (an address that does not exist...): the change stands, the log says why.
    await parked?.clear('accessMail', mail.dedupeKey);
    logger?.warn({ reason: error.reason, what: mail.what }, 'access change email not sent');
  }
}

function park(parked: ParkedJobStore, mail: AccessMail, reason: string) {
  return parked.park(
    { kind: 'accessMail', ref: mail.dedupeKey, ownerUserId: mail.ownerUserId, calendarName: mail.change.calendarName, recipient: mail.recipient.address, payload: mail },
    reason,
  );
}

/** Who an invitation's access-change email goes from and to, in which language, and from which step. */
export function accessMailTo(invitation: Invitation, options: StepOptions = {}): Pick<AccessMail, 'ownerUserId' | 'locale' | 'recipient' | 'background'> {
  return {
    ownerUserId: invitation.owner.userId,
    locale: invitation.owner.locale,
    recipient: { address: invitation.recipient.address, name: invitation.recipient.name },
    background: options.background === true,
  };
}
