import { isGraphError } from '../graph/graph-error';
import { translatorFor, type Locale } from '../i18n';
import type { Invitation } from './invitation';
import type { ShareServiceDeps } from './share-deps';
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
}

export type AccessMailDeps = Pick<ShareServiceDeps, 'notifier' | 'notices' | 'gateway' | 'logger'>;

/**
 * Tells a recipient the bot cannot reach in Teams (someone outside, someone without the app) by
 * email from the owner's mailbox. At most once per key; a refused or failed email is logged and
 * does not undo the change (outside a turn, in production, there may be no token for the owner).
 */
export async function mailAccessChange(deps: AccessMailDeps, mail: AccessMail): Promise<void> {
  const { notifier, notices, gateway, logger } = deps;
  if (notifier.once && !(await notifier.once(`${mail.dedupeKey}:mail`))) return;
  const content = notices.accessMail({ ...mail.change, recipientName: mail.recipient.name }, mail.what, { t: translatorFor(mail.locale), locale: mail.locale });
  try {
    await gateway.sendMail({ userId: mail.ownerUserId }, { to: [mail.recipient.address], ...content });
  } catch (error) {
    if (!isGraphError(error)) throw error;
    logger?.warn({ reason: error.reason, what: mail.what }, 'access change email not sent');
  }
}

/** Who an invitation's access-change email goes from and to, and in which language. */
export function accessMailTo(invitation: Invitation): Pick<AccessMail, 'ownerUserId' | 'locale' | 'recipient'> {
  return { ownerUserId: invitation.owner.userId, locale: invitation.owner.locale, recipient: { address: invitation.recipient.address, name: invitation.recipient.name } };
}
