import type { PolicyRole } from '../config';
import { offeredRoles, roleRank, type ShareRole } from './roles';

/** What the organisation lets its people share outside: a default cap and caps per domain (config). */
export interface SharingPolicy {
  defaultExternal: PolicyRole;
  domains: Record<string, PolicyRole>;
}

export interface PolicyRecipient {
  address: string;
  isInsideOrganization: boolean;
}

export interface PolicyCalendar {
  /** The owner's primary calendar: the only one that can be delegated. */
  isDefault: boolean;
}

/** The levels one recipient may get on one calendar, and why some are missing. */
export interface AllowedRoles {
  roles: ShareRole[];
  external: boolean;
  /** For someone outside: the highest level the policy allows them. */
  policyCap?: PolicyRole;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** The highest level the policy lets this outsider receive: their domain's cap, else the default. */
export function externalCap(policy: SharingPolicy, address: string): PolicyRole {
  return policy.domains[domainOf(address)] ?? policy.defaultExternal;
}

/**
 * The levels the share card may offer: people outside never get edit or delegate and stay under
 * the policy's cap for their domain; delegation exists on the primary calendar only. These are
 * Exchange's own rules, checked before anything is written so the card can say so up front.
 */
export function allowedRolesFor(recipient: PolicyRecipient, calendar: PolicyCalendar, policy: SharingPolicy): AllowedRoles {
  if (!recipient.isInsideOrganization) {
    const cap = externalCap(policy, recipient.address);
    return { roles: offeredRoles.filter((role) => roleRank(role) <= roleRank(cap)), external: true, policyCap: cap };
  }
  const roles = offeredRoles.filter((role) => calendar.isDefault || role !== 'delegateWithoutPrivateEventAccess');
  return { roles, external: false };
}

/** The level to offer instead of `wanted` when it is not allowed: the highest allowed one below it. */
export function closestAllowedRole(wanted: ShareRole, allowed: ShareRole[]): ShareRole {
  if (allowed.includes(wanted)) return wanted;
  const below = allowed.filter((role) => roleRank(role) <= roleRank(wanted));
  return below[below.length - 1] ?? allowed[0] ?? 'freeBusyRead';
}
