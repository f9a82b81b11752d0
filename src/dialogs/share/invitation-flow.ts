import { isGraphError } from '../../graph/graph-error';
import type { AnswerOutcome } from '../../sharing/invitation-answers';
import type { Invitation } from '../../sharing/invitation';
import { normalizeInvitationCode } from '../../sharing/invitation-code';
import { invitationCodeIn } from '../../nlu/understanding';
import type { Caller } from '../caller';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import { mriOf } from './card-kit';
import { invitationRef, parseCardData } from './card-data';
import type { ShareFeatureDeps } from './feature-deps';
import { invitationCard, viewerOf, type Viewer } from './invitation-card';
import { staleCard } from './share-confirm';

function cardFor(caller: Caller, invitation: Invitation, viewer: Viewer = viewerOf(invitation, caller.userId), note?: string) {
  return invitationCard(invitation, viewer, { t: caller.t, locale: caller.locale, mri: mriOf(caller), note });
}

async function load(deps: ShareFeatureDeps, data: Record<string, unknown>): Promise<Invitation | undefined> {
  const ref = parseCardData(invitationRef, data);
  return ref && deps.invitations.get(ref.invitationId);
}

/** The refresh: each viewer gets their own view of the invitation's current state. */
export async function viewInvitation(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const invitation = await load(deps, data);
  return invitation ? { card: cardFor(caller, invitation), onlyForClicker: viewerOf(invitation, caller.userId) !== 'recipient' } : staleCard(caller);
}

/** The result of an answer, as the card the clicker sees (plus a line when it did not go through). */
function outcomeResult(caller: Caller, outcome: AnswerOutcome): ActionResult {
  const { invitation } = outcome;
  switch (outcome.kind) {
    case 'notRecipient':
      return { card: cardFor(caller, invitation), onlyForClicker: true };
    case 'notReadable': {
      const note = outcome.reason && ['throttled', 'unavailable', 'timeout'].includes(outcome.reason)
        ? caller.t(`errors.${outcome.reason}`, { seconds: Math.max(1, Math.ceil((outcome.retryAfterMs ?? 30_000) / 1000)) })
        : caller.t('share:invitation.notReadable', { calendar: invitation.calendar.name, owner: invitation.owner.name });
      return { card: cardFor(caller, invitation, 'recipient', note) };
    }
    default:
      return { card: cardFor(caller, invitation, 'recipient') };
  }
}

/**
 * Accept or decline from the card. Only the intended recipient (the clicker's aadObjectId from
 * the authenticated activity) can; the owner and anyone else get their read-only view.
 */
export async function answerInvitation(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>, answer: 'accept' | 'decline'): Promise<ActionResult> {
  const invitation = await load(deps, data);
  if (!invitation) return staleCard(caller);
  if (viewerOf(invitation, caller.userId) !== 'recipient') return { card: cardFor(caller, invitation), onlyForClicker: true };
  const outcome = answer === 'accept' ? await deps.answers.accept(invitation, { userId: caller.userId }) : await deps.answers.decline(invitation, { userId: caller.userId });
  return { ...outcomeResult(caller, outcome), replies: await stepsAfter(deps, caller, outcome) };
}

/** Accepted: the share is usable, but the calendar is not in the recipient's Outlook until they add it there. */
async function stepsAfter(deps: ShareFeatureDeps, caller: Caller, outcome: AnswerOutcome): Promise<Reply[]> {
  if (outcome.kind !== 'accepted' || !deps.outlookSteps) return [];
  return deps.outlookSteps(caller, { ownerAddress: outcome.invitation.owner.address, calendarId: outcome.invitation.calendar.id }, outcome.outlookList);
}

/**
 * /accept CODE: redeems an invitation sent by email. The code must belong to an invitation for the
 * caller (their aadObjectId, or their own address read from Graph); any other code gets the same
 * answer as an unknown one. Without a code: the invitations waiting for the caller.
 */
export async function acceptCommand(deps: ShareFeatureDeps, caller: Caller, args: string): Promise<Reply[]> {
  const { t } = caller;
  const text = args.trim();
  if (!text) {
    const pending = await deps.invitations.listPendingFor(caller.userId);
    if (pending.length === 0) return [textReply(t('share:accept.noPending'))];
    return [textReply(t('share:accept.pendingIntro')), ...pending.slice(0, 5).map((invitation) => cardReply(cardFor(caller, invitation, 'recipient')))];
  }
  // Wrong codes count per person, on every instance: guessing a code takes longer than its life.
  const waitMs = (await deps.acceptAttempts?.waitMs(caller.userId)) ?? 0;
  if (waitMs > 0) return [textReply(t('safety:tooManyAttempts', { minutes: Math.max(1, Math.ceil(waitMs / 60_000)) }))];
  const refused = async (reply: Reply): Promise<Reply[]> => {
    await deps.acceptAttempts?.failed(caller.userId);
    return [reply];
  };
  // "K7QM-4TZP", "k7qm 4tzp", "k7qm4tzp", or the code at the end of a sentence.
  const code = normalizeInvitationCode(text) ?? invitationCodeIn(text) ?? normalizeInvitationCode(text.split(/\s+/).pop() ?? '');
  if (!code) return refused(textReply(t('share:accept.badCode', { input: text.slice(0, 40) })));
  const invitation = await deps.invitations.findByCode(code);
  if (!invitation) return refused(textReply(t('share:accept.unknownCode')));

  let verifiedAddress: string | undefined;
  if (!invitation.recipient.userId) {
    try {
      verifiedAddress = (await deps.gateway.getMe({ userId: caller.userId })).address;
    } catch (error) {
      if (isGraphError(error)) return errorReplies(caller, error);
      throw error;
    }
  }
  const answerer = { userId: caller.userId, verifiedAddress };
  if (!deps.answers.isRecipient(invitation, answerer)) return refused(textReply(t('share:accept.unknownCode')));
  if (invitation.status !== 'pending') return [cardReply(cardFor(caller, invitation, 'recipient'))];
  const outcome = await deps.answers.accept(invitation, answerer);
  const result = outcomeResult(caller, outcome);
  return [...(result.card ? [cardReply(result.card)] : []), ...(await stepsAfter(deps, caller, outcome))];
}
