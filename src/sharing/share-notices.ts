import type { CalendarRole } from '../graph/calendar-gateway';
import type { Locale, Translate } from '../i18n';
import type { Reply } from '../dialogs/reply';
import type { Invitation } from './invitation';

/** The person a message is for: their language, for words and dates. */
export interface Audience {
  t: Translate;
  locale: Locale;
}

/** An email from the owner's mailbox: the invitation for someone the bot cannot reach in Teams. */
export interface InvitationMail {
  subject: string;
  html: string;
}

/**
 * What the share flows tell people, built in their language. The flows decide when and to whom;
 * src/dialogs/share builds the cards and sentences (one place for every user-facing string).
 */
export interface ShareNotices {
  /** The invitation card, for the recipient in their 1:1 chat with the bot. */
  invitation(invitation: Invitation, to: Audience): Reply[];
  invitationMail(invitation: Invitation, code: string, to: Audience): InvitationMail;
  /** To the owner. */
  accepted(invitation: Invitation, to: Audience): Reply[];
  declined(invitation: Invitation, to: Audience): Reply[];
  /** To the owner: an invitation went out later than the share (after an interruption). */
  deliveredLate(invitation: Invitation, to: Audience): Reply[];
  /** To the owner: an operation interrupted too long ago was dropped; nothing more will happen. */
  abandoned(invitation: Invitation, to: Audience): Reply[];
  /**
   * To the owner: the Teams invitation could not be delivered (app removed or blocked), so it went
   * by email with a code; `invitation.failure` (`mail:...`) says when the email was refused too.
   */
  movedToEmail(invitation: Invitation, to: Audience): Reply[];
  /** To the owner, when the end date revoked the share. */
  expiredForOwner(invitation: Invitation, to: Audience): Reply[];
  /** To the recipient. */
  roleChanged(change: AccessChange, to: Audience): Reply[];
  accessEnded(change: AccessChange, reason: 'revoked' | 'expired', to: Audience): Reply[];
  /** To a recipient the bot cannot reach in Teams: the same news as roleChanged / accessEnded, by email. */
  accessMail(change: AccessChange & { recipientName: string }, what: 'roleChanged' | 'revoked' | 'expired', to: Audience): InvitationMail;
}

/** A change of someone's access, whether the share went through the bot or not. */
export interface AccessChange {
  ownerName: string;
  calendarName: string;
  role: CalendarRole;
  previousRole?: CalendarRole;
}
