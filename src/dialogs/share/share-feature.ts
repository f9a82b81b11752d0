import { z } from 'zod';
import { Verb } from '../../cards/verbs';
import type { Caller } from '../caller';
import type { ActionResult, Feature } from '../feature';
import { opaqueId, parseCardData } from './card-data';
import type { ShareFeatureDeps } from './feature-deps';
import { acceptCommand, answerInvitation, viewInvitation } from './invitation-flow';
import { cancelShare, confirmShare, showShareStatus } from './share-confirm';
import { openShareForm, peopleIn } from './share-form';
import { reviewShare } from './share-review';

const openShareData = z.object({ recipientAddress: z.string().trim().email().max(254), accessRequestId: opaqueId.optional() });

/** "Share with ..." from another card (an access request): the form with that person filled in. */
async function openShareFor(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const parsed = parseCardData(openShareData, data);
  // The request's id rides along to the confirmation, which marks the request answered.
  return { replies: await openShareForm(deps, caller, { people: parsed?.recipientAddress ?? '', accessRequestId: parsed?.accessRequestId }) };
}

/**
 * /share and /accept: share a calendar after reviewing what will happen, invitations answered in
 * one click (or with the emailed code), and the live state on every card.
 */
export function createShareFeature(deps: ShareFeatureDeps): Feature {
  return {
    commands: {
      // A sentence brings only what was recognised in it: its people (as addresses) and its level.
      share: (caller, args, understood) => openShareForm(deps, caller, understood ? { people: args, role: understood.level } : { people: peopleIn(args) }),
      accept: (caller, args) => acceptCommand(deps, caller, args),
    },
    actions: {
      [Verb.OpenShare]: (caller, data) => openShareFor(deps, caller, data),
      [Verb.ShareReview]: (caller, data) => reviewShare(deps, caller, data),
      [Verb.ShareConfirm]: (caller, data) => confirmShare(deps, caller, data),
      [Verb.ShareCancel]: (caller, data) => cancelShare(deps, caller, data),
      [Verb.ShareStatus]: (caller, data) => showShareStatus(deps, caller, data),
      [Verb.InvitationView]: (caller, data) => viewInvitation(deps, caller, data),
      [Verb.InvitationAccept]: (caller, data) => answerInvitation(deps, caller, data, 'accept'),
      [Verb.InvitationDecline]: (caller, data) => answerInvitation(deps, caller, data, 'decline'),
    },
  };
}
