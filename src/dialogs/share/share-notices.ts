import type { Invitation } from '../../sharing/invitation';
import { roleForRecipient, roleLabel } from '../../sharing/roles';
import type { AccessChange, Audience, InvitationMail, ShareNotices } from '../../sharing/share-notices';
import { cardReply, textReply } from '../reply';
import { invitationCard } from './invitation-card';
import { htmlText } from '../../graph/mail-html';
import { translatorFor, type Locale } from '../../i18n';

/** HTML-escapes text going into the invitation email (names and calendar names are user data). */
const escape = htmlText;

/** The share feature's messages, in the language of the person they go to. */
export const shareNotices: ShareNotices = {
  invitation: (invitation: Invitation, to: Audience) => [cardReply(invitationCard(invitation, 'recipient', to))],

  invitationMail(invitation: Invitation, code: string, to: Audience): InvitationMail {
    if (!invitation.recipient.isInsideOrganization) return externalInvitationMail(invitation, to);
    const { t } = to;
    const vars = { owner: invitation.owner.name, calendar: invitation.calendar.name, level: roleLabel(t, invitation.role) };
    const paragraphs = [
      t('share:mail.intro', vars),
      `${t('share:mail.level', vars)} ${roleForRecipient(t, invitation.role, invitation.owner.name)}`,
      t('share:mail.outlook', { address: invitation.owner.address, owner: invitation.owner.name }),
      t('share:mail.teams', { code }),
    ];
    const html = [
      `<p>${escape(t('share:mail.greeting', { name: invitation.recipient.name }))}</p>`,
      ...paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`),
      `<p style="font-size:20px;font-family:monospace;letter-spacing:2px"><b>/${escape(t('help.words.accept'))} ${escape(code)}</b></p>`,
    ].join('\n');
    return { subject: t('share:mail.subject', vars), html };
  },

  accepted: (invitation, { t }) => [
    textReply(t('share:notices.accepted', { name: invitation.recipient.name, calendar: invitation.calendar.name, level: roleLabel(t, invitation.role) })),
  ],
  declined: (invitation, { t }) => [textReply(t('share:notices.declined', { name: invitation.recipient.name, calendar: invitation.calendar.name }))],
  deliveredLate: (invitation, { t }) => [
    textReply(t(invitation.channel === 'email' ? 'share:notices.deliveredLateEmail' : 'share:notices.deliveredLate', { name: invitation.recipient.name, calendar: invitation.calendar.name })),
  ],
  abandoned: (invitation, { t }) => [textReply(t('share:notices.abandoned', { name: invitation.recipient.name, calendar: invitation.calendar.name }))],
  movedToEmail: (invitation, { t }) => [
    textReply(
      t(invitation.failure?.startsWith('mail:') ? 'share:notices.movedToEmailRefused' : 'share:notices.movedToEmail', {
        name: invitation.recipient.name,
        address: invitation.recipient.address,
        calendar: invitation.calendar.name,
      }),
    ),
  ],
  expiredForOwner: (invitation, { t }) => [textReply(t('share:notices.expiredOwner', { name: invitation.recipient.name, calendar: invitation.calendar.name }))],
  roleChanged: (change: AccessChange, { t }) => [
    textReply(
      t('share:notices.roleChanged', { owner: change.ownerName, calendar: change.calendarName, level: roleLabel(t, change.role), explanation: roleForRecipient(t, change.role, change.ownerName) }),
    ),
  ],
  accessEnded: (change: AccessChange, reason, { t }) => [textReply(t(`share:notices.${reason}`, { owner: change.ownerName, calendar: change.calendarName }))],

  accessMail(change, what, { t }): InvitationMail {
    const vars = { owner: change.ownerName, calendar: change.calendarName, level: roleLabel(t, change.role), explanation: roleForRecipient(t, change.role, change.ownerName) };
    const html = [`<p>${escape(t('share:mail.greeting', { name: change.recipientName }))}</p>`, `<p>${escape(t(`share:notices.${what}`, vars))}</p>`].join('\n');
    return { subject: t(`share:mail.${what}Subject`, vars), html };
  },
};

/**
 * The email to someone outside the organisation: they have neither Teams with this assistant nor
 * /accept, so it says what they got and how to open it in their own Outlook, in both languages
 * (the bot does not know theirs), the owner's first.
 */
function externalInvitationMail(invitation: Invitation, to: Audience): InvitationMail {
  const languages: Locale[] = to.locale === 'fr' ? ['fr', 'en'] : ['en', 'fr'];
  const sections = languages.map((locale) => {
    const t = translatorFor(locale);
    const vars = { owner: invitation.owner.name, address: invitation.owner.address, calendar: invitation.calendar.name, level: roleLabel(t, invitation.role) };
    return [
      t('share:mail.greeting', { name: invitation.recipient.name }),
      t('share:externalMail.intro', vars),
      `${t('share:mail.level', vars)} ${roleForRecipient(t, invitation.role, invitation.owner.name)}`,
      t('share:externalMail.open', vars),
      t('share:externalMail.otherClients', vars),
    ];
  });
  const html = sections.map((paragraphs) => paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')).join('\n<hr>\n');
  const t = translatorFor(languages[0]);
  return { subject: t('share:mail.subject', { owner: invitation.owner.name, calendar: invitation.calendar.name }), html };
}
