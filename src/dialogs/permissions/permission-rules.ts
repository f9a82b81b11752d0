import type { CalendarPermission, CalendarRole, CalendarSummary } from '../../graph/calendar-gateway';
import { roleRank } from '../../sharing/roles';
import { allowedRolesFor, externalCap, type SharingPolicy } from '../../sharing/sharing-policy';

/**
 * The levels an existing entry may be changed to: what Exchange allows for it (`allowedRoles`),
 * without "none" (that is a revoke) nor "custom" (only Outlook can set it), and for someone outside
 * the organisation no more than the sharing policy allows.
 */
export function changeChoices(permission: CalendarPermission, calendar: CalendarSummary, policy: SharingPolicy): CalendarRole[] {
  const address = permission.recipient.address;
  const fromGraph = permission.allowedRoles.filter((role) => role !== 'none' && role !== 'custom');
  const roles: CalendarRole[] =
    fromGraph.length > 0 || !address ? fromGraph : allowedRolesFor({ address, isInsideOrganization: permission.isInsideOrganization }, calendar, policy).roles;
  if (permission.isMyOrganization || permission.isInsideOrganization || !address) return roles;
  const cap = externalCap(policy, address);
  return roles.filter((role) => roleRank(role) <= roleRank(cap));
}
