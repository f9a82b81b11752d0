import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Invitation } from '../../sharing/invitation';
import { roleLabel } from '../../sharing/roles';
import type { ShareDraft } from '../../sharing/share-draft';
import type { Caller } from '../caller';
import { button, commandButton, formatDate, lastDayOf, mriOf, withRefresh } from './card-kit';
import type { ShareFeatureDeps } from './feature-deps';

/** What the owner reads about one recipient's invitation. */
export function stateLine(caller: Caller, invitation: Invitation | undefined, name: string): string {
  const { t, locale } = caller;
  if (!invitation) return t('share:status.granting');
  const date = invitation.decidedAt ? formatDate(locale, invitation.decidedAt) : '';
  switch (invitation.status) {
    case 'granting':
      return invitation.failure?.startsWith('mail:') ? t('share:status.mailRetry') : t('share:status.granting');
    case 'pending':
      if (invitation.failure?.startsWith('mail:')) return t('share:status.mailRefused', { name, reason: failureText(caller, invitation.failure.slice(5)) });
      if (invitation.channel === 'email' && !invitation.code && !invitation.recipient.isInsideOrganization) return t('publish:personal.sent', { name });
      return invitation.channel === 'email' ? t('share:status.pendingEmail', { name }) : t('share:status.pendingTeams');
    case 'accepted':
      return t('share:status.accepted', { date });
    case 'declined':
      return t('share:status.declined', { date });
    case 'revoked':
      return t('share:status.revoked', { date });
    case 'expired':
      return t('share:status.expired', { date });
    case 'failed':
      return t('share:status.failed', { reason: failureText(caller, invitation.failure) });
  }
}

/** A share's failure (a GraphError reason) in words. */
export function failureText(caller: Caller, failure: string | undefined): string {
  const known = ['notFound', 'forbidden', 'policyForbids', 'externalRefused', 'refusedUnexplained', 'invalidRequest', 'throttled', 'unavailable', 'consentRequired', 'unauthenticated', 'timeout', 'interrupted'];
  return caller.t(`share:failure.${failure && known.includes(failure) ? failure : 'generic'}`);
}

/**
 * The owner's card once they confirmed: each recipient's level and the live state of their
 * invitation (which channel it went by, the answer). It refreshes itself for the owner.
 */
export async function shareStatusCard(deps: ShareFeatureDeps, caller: Caller, draft: ShareDraft): Promise<AdaptiveCardJson> {
  const { t, locale } = caller;
  const rows = await Promise.all(
    draft.recipients.map(async (recipient) => {
      const invitation = await deps.invitations.findLatest(draft.ownerUserId, draft.calendar.id, recipient.address);
      return {
        heading: recipient.name === recipient.address ? recipient.address : `${recipient.name} (${recipient.address})`,
        facts: [
          { title: t('share:status.level'), value: roleLabel(t, invitation?.role ?? recipient.proposed) },
          { title: t('share:status.state'), value: stateLine(caller, invitation, recipient.name) },
          ...(invitation?.expiresAt && ['pending', 'accepted', 'granting'].includes(invitation.status)
            ? [{ title: t('share:status.until'), value: lastDayOf(locale, invitation.expiresAt) }]
            : []),
        ],
      };
    }),
  );
  const card = renderCard('share-status', {
    title: t('share:status.title', { calendar: draft.calendar.name }),
    intro: t('share:status.intro'),
    recipients: rows,
    // Clients without automatic refresh (older ones, the Agents Playground) get a button instead.
    buttons: [button(t('share:status.refresh'), Verb.ShareStatus, { draftId: draft.id }), commandButton(t('share:status.manage'), 'permissions')],
  });
  return withRefresh(card, Verb.ShareStatus, { draftId: draft.id }, [mriOf(caller)]);
}
