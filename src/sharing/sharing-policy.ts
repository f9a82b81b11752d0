import type { PolicyRole } from '../config';
import type { CalendarRole } from '../graph/calendar-gateway';
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

/** The domain of an address, as policy keys and organisation domains are written (lower case). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();
}

/** Whether the address belongs to the organisation, from its configured domains (no directory needed). */
export function isOrganizationAddress(organizationDomains: string[], address: string): boolean {
  return organizationDomains.includes(domainOf(address));
}

/** The highest level the policy lets this outsider receive: their domain's cap, else the default. */
export function externalCap(policy: SharingPolicy, address: string): PolicyRole {
  return policy.domains[domainOf(address)] ?? policy.defaultExternal;
}

/**
 * Whether `role` may go to someone outside at `address`. Exchange never lets edit or delegate rights
 * leave the organisation, and the caps are read levels, so comparing ranks says it all.
 */
export function allowedOutside(policy: SharingPolicy, address: string, role: CalendarRole): boolean {
  return roleRank(role) <= roleRank(externalCap(policy, address));
}

/**
 * The levels the share card may offer: people outside never get edit or delegate and stay under
 * the policy's cap for their domain; delegation exists on the primary calendar only. These are
 * Exchange's own rules, checked before anything is written so the card can say so up front.
 */
export function allowedRolesFor(recipient: PolicyRecipient, calendar: PolicyCalendar, policy: SharingPolicy): AllowedRoles {
  if (!recipient.isInsideOrganization) {
    const cap = externalCap(policy, recipient.address);
    return { roles: offeredRoles.filter((role) => allowedOutside(policy, recipient.address, role)), external: true, policyCap: cap };
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
