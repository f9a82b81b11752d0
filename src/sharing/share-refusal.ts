import type { CalendarRole } from '../graph/calendar-gateway';
import type { GraphError } from '../graph/graph-error';
import { allowedOutside, type SharingPolicy } from './sharing-policy';

/**
 * Why a share failed, as the owner reads it. Exchange answers a refused permission write with a plain 403
 * (ErrorAccessDenied, no code of its own for the sharing policy, and wording that changes), so a refusal is
 * explained from what the product knows instead:
 * - `policyForbids`: someone outside, at a level above the cap configured for their domain;
 * - `externalRefused`: someone outside, within the configured cap: Exchange's own policy is likely stricter
 *   than the assistant was told, but it did not say so;
 * - `refusedUnexplained`: someone inside, on the owner's own calendar (the share flows offer no other):
 *   neither ownership nor the policy explains it, and Exchange gave no reason we can tell.
 * Any other failure keeps the gateway's reason.
 */
export type ShareRefusal = 'policyForbids' | 'externalRefused' | 'refusedUnexplained';

export interface RefusedShare {
  recipient: { address: string; isInsideOrganization: boolean };
  role: CalendarRole;
}

export function shareFailureReason(error: GraphError, share: RefusedShare, policy: SharingPolicy | undefined): ShareRefusal | GraphError['reason'] {
  if (error.status !== 403) return error.reason;
  if (share.recipient.isInsideOrganization) return 'refusedUnexplained';
  if (policy && !allowedOutside(policy, share.recipient.address, share.role)) return 'policyForbids';
  return 'externalRefused';
}
