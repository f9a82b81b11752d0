import { isGraphError } from '../../graph/graph-error';
import { isShareRole, type ShareRole } from '../../sharing/roles';
import type { ShareDraft } from '../../sharing/share-draft';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { commandButton, shareNoticeCard } from './card-kit';
import { accessRequestRef, draftRef, parseCardData, pickedRoles } from './card-data';
import type { ShareFeatureDeps } from './feature-deps';
import { reviewCard } from './share-review';
import { failureText, shareStatusCard } from './share-status';

/** A card that is not (or no longer) valid: nothing happens, the user is told how to start again. */
export function staleCard(caller: Caller): ActionResult {
  return { onlyForClicker: true, card: shareNoticeCard({ title: caller.t('share:stale.title'), paragraphs: [caller.t('share:stale.text')], buttons: [commandButton(caller.t('share:stale.again'), 'share')] }) };
}

/** A forwarded card seen by someone else: read-only, nothing to click. */
export function notYoursCard(caller: Caller, ownerName: string): ActionResult {
  return { onlyForClicker: true, card: shareNoticeCard({ title: caller.t('share:readonly.title'), paragraphs: [caller.t('share:readonly.text', { owner: ownerName })] }) };
}

async function loadDraft(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ShareDraft | ActionResult> {
  const ref = parseCardData(draftRef, data);
  const draft = ref && (await deps.drafts.get(ref.draftId));
  if (!draft) return staleCard(caller);
  if (draft.ownerUserId !== caller.userId) return notYoursCard(caller, draft.owner.name);
  return draft;
}

const isDraft = (value: ShareDraft | ActionResult): value is ShareDraft => 'recipients' in value;

/**
 * The owner confirms the review: the levels picked are checked again against the rules kept in
 * the draft, the draft is closed once (a second click or instance gets the status card), then
 * each recipient's share is written and their invitation sent.
 */
export async function confirmShare(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const loaded = await loadDraft(deps, caller, data);
  if (!isDraft(loaded)) return loaded;
  const draft = loaded;
  if (draft.status === 'cancelled') return cancelledCard(caller);
  if (draft.status === 'confirmed') return { card: await shareStatusCard(deps, caller, draft) };
  if (deps.drafts.isExpired(draft)) return staleCard(caller);

  const picked = pickedRoles(data);
  if (!picked) return staleCard(caller);
  const roles: ShareRole[] = [];
  for (const [index, recipient] of draft.recipients.entries()) {
    const role = picked.get(index) ?? recipient.proposed;
    if (!isShareRole(role) || !recipient.allowed.includes(role)) {
      const accessRequestId = parseCardData(accessRequestRef, data)?.accessRequestId;
      return { card: reviewCard(caller, draft, caller.t('share:errors.roleNotAllowed', { name: recipient.name }), accessRequestId) };
    }
    roles.push(role);
  }
  if (!(await deps.drafts.close(draft.id, 'confirmed'))) {
    const current = await deps.drafts.get(draft.id);
    return current?.status === 'cancelled' ? cancelledCard(caller) : { card: await shareStatusCard(deps, caller, current ?? draft) };
  }

  const replies = [];
  for (const [index, recipient] of draft.recipients.entries()) {
    try {
      await deps.service.share({
        draftId: draft.id,
        owner: { userId: caller.userId, name: draft.owner.name, address: draft.owner.address, locale: caller.locale },
        calendar: draft.calendar,
        recipient: { address: recipient.address, name: recipient.name, userId: recipient.userId, isInsideOrganization: recipient.isInsideOrganization },
        role: roles[index],
        expiresAt: draft.expiresAt,
      });
    } catch (error) {
      // A refused role change leaves that share as it was; the others go on.
      if (!isGraphError(error)) throw error;
      replies.push(textReply(caller.t('share:errors.changeFailed', { name: recipient.name, reason: failureText(caller, error.reason) })));
    }
  }
  await answerAccessRequest(deps, caller, draft, data);
  return { card: await shareStatusCard(deps, caller, draft), replies };
}

/**
 * A share confirmed from an access request's card answers that request: it is marked granted, so a
 * later Decline on the card says it was answered instead of telling the requester no. Only the
 * request's owner, only when the requester is among the people now sharing, only once.
 */
async function answerAccessRequest(deps: ShareFeatureDeps, caller: Caller, draft: ShareDraft, data: Record<string, unknown>): Promise<void> {
  const ref = parseCardData(accessRequestRef, data);
  const request = ref && deps.accessRequests && (await deps.accessRequests.get(ref.accessRequestId));
  if (!request || request.ownerId !== caller.userId || request.status !== 'pending') return;
  const address = request.requesterAddress.toLowerCase();
  if (!draft.recipients.some((recipient) => recipient.address === address)) return;
  const shared = await deps.invitations.findActive(caller.userId, draft.calendar.id, address);
  if (shared) await deps.accessRequests?.markGranted(request.id);
}

export async function cancelShare(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const loaded = await loadDraft(deps, caller, data);
  if (!isDraft(loaded)) return loaded;
  if (loaded.status === 'confirmed') return { card: await shareStatusCard(deps, caller, loaded) };
  await deps.drafts.close(loaded.id, 'cancelled');
  const current = await deps.drafts.get(loaded.id);
  return current?.status === 'confirmed' ? { card: await shareStatusCard(deps, caller, current) } : cancelledCard(caller);
}

/** The refresh of the owner's confirmation: their live status; anyone else sees nothing to act on. */
export async function showShareStatus(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const loaded = await loadDraft(deps, caller, data);
  if (!isDraft(loaded)) return loaded;
  if (loaded.status === 'cancelled') return cancelledCard(caller);
  if (loaded.status === 'open') return { card: reviewCard(caller, loaded) };
  return { card: await shareStatusCard(deps, caller, loaded) };
}

function cancelledCard(caller: Caller): ActionResult {
  return { card: shareNoticeCard({ title: caller.t('share:cancelled.title'), paragraphs: [caller.t('share:cancelled.text')] }) };
}
