import type { PolicyRole } from '../config';
import type { CalendarRole } from '../graph/calendar-gateway';

/** The organisation's cap on what its people share outside, from config (`sharingPolicy`). */
export interface ExternalSharingPolicy {
  defaultExternal: PolicyRole;
  domains: Record<string, PolicyRole>;
}

/** Levels a person may have tried to give, least to most. */
export const triedRoles = ['freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess'] as const;
export type TriedRole = (typeof triedRoles)[number];

const ranks: Partial<Record<CalendarRole, number>> = {
  freeBusyRead: 1,
  limitedRead: 2,
  read: 3,
  write: 4,
  delegateWithoutPrivateEventAccess: 5,
  delegateWithPrivateEventAccess: 6,
};

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();
}

/** The highest level people at this address's domain may get: the domain's own cap, else the default. */
export function externalCap(policy: ExternalSharingPolicy, address: string): PolicyRole {
  return policy.domains[domainOf(address)] ?? policy.defaultExternal;
}

/**
 * Whether `role` may go to someone outside at `address`. Exchange never lets edit or delegate rights
 * leave the organisation, and the caps are read levels, so comparing ranks says it all.
 */
export function allowedOutside(policy: ExternalSharingPolicy, address: string, role: CalendarRole): boolean {
  return (ranks[role] ?? 0) <= (ranks[externalCap(policy, address)] ?? 0);
}

/** Whether the address belongs to the organisation, from its configured domains (no directory needed). */
export function isOrganizationAddress(domains: string[], address: string): boolean {
  return domains.includes(domainOf(address));
}
