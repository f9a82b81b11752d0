import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Locale, Translate } from '../../i18n';
import type { Invitation } from '../../sharing/invitation';
import { roleForRecipient, roleLabel } from '../../sharing/roles';
import { button, formatDate, lastDayOf, withRefresh, type CardButton } from './card-kit';

/** Who is looking at an invitation card decides what they see: the card may be forwarded. */
export type Viewer = 'recipient' | 'owner' | 'other';

export function viewerOf(invitation: Invitation, userId: string): Viewer {
  if (invitation.recipient.userId === userId) return 'recipient';
  if (invitation.owner.userId === userId) return 'owner';
  return 'other';
}

export interface InvitationCardOptions {
  t: Translate;
  locale: Locale;
  /** The viewer's MRI, for refresh.userIds. */
  mri?: string;
  /** A line in attention colour (why Accept did not work yet...). */
  note?: string;
}

/** What the recipient should expect in their own client once accepted. */
export function whatToExpect(t: Translate, invitation: Invitation): string[] {
  return [t('share:invitation.expectOutlook', { calendar: invitation.calendar.name }), t('share:invitation.expectTeams')];
}

function recipientState(t: Translate, locale: Locale, invitation: Invitation): string[] {
  const date = invitation.decidedAt ? formatDate(locale, invitation.decidedAt) : '';
  if (invitation.intent && invitation.status === 'pending') return [t('share:invitation.processing')];
  switch (invitation.status) {
    case 'pending':
      return [t('share:invitation.question')];
    case 'accepted':
      return [t('share:invitation.accepted'), ...whatToExpect(t, invitation)];
    case 'declined':
      return [t('share:invitation.declined')];
    case 'revoked':
      return [t('share:invitation.revoked', { owner: invitation.owner.name, date })];
    case 'expired':
      return [t('share:invitation.expired', { date })];
    case 'granting':
    case 'failed':
      return [t('share:invitation.unavailable')];
  }
}

function ownerState(t: Translate, locale: Locale, invitation: Invitation): string[] {
  const name = invitation.recipient.name;
  const date = invitation.decidedAt ? formatDate(locale, invitation.decidedAt) : '';
  const key = invitation.status === 'pending' && invitation.channel === 'email' ? 'pendingEmail' : invitation.status;
  return [t(`share:invitation.owner.${key}`, { name, date })];
}

/**
 * The invitation as `viewer` sees it: the recipient gets Accept/Decline while it is open, the
 * owner its status, anyone else (a forwarded card) a read-only line. It refreshes for each viewer.
 */
export function invitationCard(invitation: Invitation, viewer: Viewer, options: InvitationCardOptions): AdaptiveCardJson {
  const { t, locale } = options;
  const owner = invitation.owner.name;
  const facts = [
    { title: t('share:invitation.calendar'), value: invitation.calendar.name },
    { title: t('share:invitation.from'), value: `${owner} (${invitation.owner.address})` },
    { title: t('share:invitation.level'), value: roleLabel(t, invitation.role) },
    ...(invitation.expiresAt ? [{ title: t('share:invitation.until'), value: lastDayOf(locale, invitation.expiresAt) }] : []),
  ];
  let data: { title: string; intro: string; facts: typeof facts; paragraphs: string[]; buttons: CardButton[] };
  if (viewer === 'recipient') {
    const open = invitation.status === 'pending' && !invitation.intent;
    data = {
      title: t('share:invitation.title', { owner }),
      intro: t('share:invitation.intro', { owner, calendar: invitation.calendar.name }),
      facts,
      paragraphs: [roleForRecipient(t, invitation.role, owner), ...recipientState(t, locale, invitation)],
      buttons: open
        ? [
            button(t('share:invitation.accept'), Verb.InvitationAccept, { invitationId: invitation.id }, 'positive'),
            button(t('share:invitation.decline'), Verb.InvitationDecline, { invitationId: invitation.id }),
          ]
        : [],
    };
  } else if (viewer === 'owner') {
    data = {
      title: t('share:invitation.owner.title', { name: invitation.recipient.name }),
      intro: t('share:invitation.owner.intro', { calendar: invitation.calendar.name }),
      facts: facts.filter((fact) => fact.title !== t('share:invitation.from')),
      paragraphs: ownerState(t, locale, invitation),
      buttons: [],
    };
  } else {
    data = { title: t('share:invitation.other.title'), intro: t('share:invitation.other.text', { name: invitation.recipient.name }), facts: [], paragraphs: [], buttons: [] };
  }
  const card = renderCard('invitation', { ...data, note: options.note ?? '' });
  return withRefresh(card, Verb.InvitationView, { invitationId: invitation.id }, [options.mri]);
}
