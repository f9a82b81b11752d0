import type { CalendarGateway, CalendarRole } from '../graph/calendar-gateway';
import { translatorFor, type Locale } from '../i18n';
import type { DetailLevel } from '../ical/ics-event';
import type { Invitation } from '../sharing/invitation';
import { roleLabel, roleRank } from '../sharing/roles';
import type { ExternalShareLinks } from '../sharing/share-deps';
import { domainOf, externalCap, type SharingPolicy } from '../sharing/sharing-policy';
import { htmlText } from '../graph/mail-html';
import { resolveTimeZone } from '../time/zoned-time';
import { feedLinks } from './feed-token';
import type { Publication, PublicationStore } from './publication-store';
import { cappedLevel } from './publishing-policy';

/**
 * The language of a mail to someone the bot has never talked to: French for French-speaking country
 * domains, else the owner's (the bot knows nothing better about an outsider).
 */
export function recipientLocale(address: string, ownerLocale: Locale): Locale {
  return /\.(fr|be|lu|mc|ch|ca|sn|ci|ma|tn)$/.test(domainOf(address)) ? 'fr' : ownerLocale;
}

/** The read level of a share role, for a feed (write and delegate never go outside). */
export function levelOfRole(role: CalendarRole): DetailLevel {
  if (roleRank(role) >= roleRank('read')) return 'read';
  return roleRank(role) >= roleRank('limitedRead') ? 'limitedRead' : 'freeBusyRead';
}

export interface PersonalLinkDeps {
  publications: PublicationStore;
  gateway: Pick<CalendarGateway, 'getMe' | 'sendMail'>;
  policy: SharingPolicy;
  linkBase: () => string;
}

/**
 * Someone outside the organisation cannot reach our Teams bot: a share with them comes with a
 * personal subscription link at the level given (held to the policy for their domain), mailed in
 * their language. Changing or revoking the share changes or stops the link.
 */
export class PersonalShareLinks implements ExternalShareLinks {
  constructor(private readonly deps: PersonalLinkDeps) {}

  private levelFor(address: string, role: CalendarRole): DetailLevel {
    return cappedLevel(levelOfRole(role), externalCap(this.deps.policy, address));
  }

  async invitationMail(invitation: Invitation): Promise<{ subject: string; html: string }> {
    const { publications } = this.deps;
    const level = this.levelFor(invitation.recipient.address, invitation.role);
    const existing = await publications.findActiveForShare(invitation.id);
    let publication: Publication;
    let token: string | undefined;
    if (existing) {
      // Sent again (recovery after a failed mail): a new token, since the old one is known only by its hash.
      token = await publications.rotate(existing.id);
      await publications.changeLevel(existing.id, level);
      publication = { ...existing, level };
    }
    if (!existing || !token) {
      const me = await this.deps.gateway.getMe({ userId: invitation.owner.userId });
      const made = await publications.create({
        owner: { userId: invitation.owner.userId, name: invitation.owner.name, locale: invitation.owner.locale, zone: resolveTimeZone(me.timeZone) ?? 'UTC' },
        calendar: { id: invitation.calendar.id, name: invitation.calendar.name },
        level,
        recipient: { address: invitation.recipient.address, name: invitation.recipient.name },
        shareId: invitation.id,
      });
      publication = made.publication;
      token = made.token;
    }
    return this.mailFor(publication!, token);
  }

  /** The mail carrying a personal link, in the recipient's language, every name escaped. */
  mailFor(publication: Publication, token: string): { subject: string; html: string } {
    const recipient = publication.recipient ?? { address: '', name: '' };
    const t = translatorFor(recipientLocale(recipient.address, publication.owner.locale));
    const links = feedLinks(this.deps.linkBase(), token);
    const vars = { owner: publication.owner.name, calendar: publication.calendar.name, level: roleLabel(t, publication.level) };
    const paragraphs = [t('share:mail.intro', vars), t('publish:personal.level', vars), t('publish:personal.how')];
    const html = [
      `<p>${htmlText(t('share:mail.greeting', { name: recipient.name }))}</p>`,
      ...paragraphs.map((paragraph) => `<p>${htmlText(paragraph)}</p>`),
      `<p><a href="${htmlText(links.webcal)}">${htmlText(links.webcal)}</a></p>`,
      `<p>${htmlText(t('publish:personal.https'))} <a href="${htmlText(links.https)}">${htmlText(links.https)}</a></p>`,
      `<p style="color:#555">${htmlText(t('publish:personal.private', vars))}</p>`,
    ].join('\n');
    return { subject: t('share:mail.subject', vars), html };
  }

  /** Mails a rotated personal link to its recipient, from the owner's mailbox. */
  async resend(publication: Publication, token: string): Promise<void> {
    if (!publication.recipient) return;
    await this.deps.gateway.sendMail({ userId: publication.owner.userId }, { to: [publication.recipient.address], ...this.mailFor(publication, token) });
  }

  async levelChanged(invitation: Invitation, role: CalendarRole): Promise<void> {
    const publication = await this.deps.publications.findActiveForShare(invitation.id);
    if (publication) await this.deps.publications.changeLevel(publication.id, this.levelFor(invitation.recipient.address, role));
  }

  async revoked(invitation: Invitation): Promise<void> {
    const publication = await this.deps.publications.findActiveForShare(invitation.id);
    if (publication) await this.deps.publications.stop(publication.id);
  }

  /** Nobody got the link (an address Graph refuses): it stops; sharing again makes a new one. */
  async mailRefused(invitation: Invitation): Promise<void> {
    await this.revoked(invitation);
  }
}
