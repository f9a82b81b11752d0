/**
 * Exchange Online's calendar-sharing rules, as pure functions: which roles a recipient may be given
 * on which calendar, and how far the organisation's sharing policy lets a share go outside.
 */

export const calendarRoles = [
  'none',
  'freeBusyRead',
  'limitedRead',
  'read',
  'write',
  'delegateWithoutPrivateEventAccess',
  'delegateWithPrivateEventAccess',
  'custom',
] as const;
export type CalendarRole = (typeof calendarRoles)[number];

/** Who a permission names: the built-in "My Organization" entry, a person of the directory, or an outsider. */
export type RecipientKind = 'organization' | 'internal' | 'external';

/**
 * How much a role reveals, for comparisons. `custom` (set in Outlook with hand-picked rights) is ranked
 * as no access because nothing here can tell what it grants.
 */
const roleRanks: Record<CalendarRole, number> = {
  none: 0,
  custom: 0,
  freeBusyRead: 1,
  limitedRead: 2,
  read: 3,
  write: 4,
  delegateWithoutPrivateEventAccess: 5,
  delegateWithPrivateEventAccess: 6,
};

export function roleRank(role: CalendarRole): number {
  return roleRanks[role];
}

export function isCalendarRole(value: unknown): value is CalendarRole {
  return typeof value === 'string' && (calendarRoles as readonly string[]).includes(value);
}

const readRoles: CalendarRole[] = ['none', 'freeBusyRead', 'limitedRead', 'read'];
const editRoles: CalendarRole[] = [...readRoles, 'write'];
const delegateRoles: CalendarRole[] = [...editRoles, 'delegateWithoutPrivateEventAccess', 'delegateWithPrivateEventAccess'];

/**
 * The roles Exchange offers for a recipient: write and delegation stay inside the organisation,
 * delegation exists on the primary calendar only, and the organisation-wide entry cannot delegate.
 */
export function allowedRolesFor(kind: RecipientKind, isPrimaryCalendar: boolean): CalendarRole[] {
  if (kind === 'external') return [...readRoles];
  if (kind === 'organization') return [...editRoles];
  return isPrimaryCalendar ? [...delegateRoles] : [...editRoles];
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export function recipientKind(address: string, organizationDomain: string): RecipientKind {
  return domainOf(address) === organizationDomain.toLowerCase() ? 'internal' : 'external';
}

/** The organisation's sharing policy for people outside: a default cap and per-domain caps. */
export interface SharingPolicy {
  defaultExternal: CalendarRole;
  /** Keyed by domain; `*.contoso.com` also covers its subdomains, as in Exchange's policy syntax. */
  domains: Record<string, CalendarRole>;
}

/** The highest role the policy lets this outsider receive. */
export function policyCapFor(policy: SharingPolicy, address: string): CalendarRole {
  const domain = domainOf(address);
  const exact = Object.entries(policy.domains).find(([key]) => key.toLowerCase() === domain);
  if (exact) return exact[1];
  const wildcard = Object.entries(policy.domains).find(
    ([key]) => key.startsWith('*.') && domain.endsWith(key.slice(1).toLowerCase()),
  );
  return wildcard ? wildcard[1] : policy.defaultExternal;
}

/** Why Exchange refuses to grant a role. */
export type GrantRefusal = 'roleNotAllowed' | 'policyForbids';

export interface GrantRequest {
  role: CalendarRole;
  kind: RecipientKind;
  isPrimaryCalendar: boolean;
  /** The recipient's address; undefined for the organisation-wide entry. */
  address?: string;
}

/**
 * Checks a create or update of a permission. allowedRoles comes first, so asking an outsider for
 * `write` is a bad request, while asking for `read` where the policy caps at free/busy is a refusal.
 */
export function checkGrant(request: GrantRequest, policy: SharingPolicy): GrantRefusal | undefined {
  if (!allowedRolesFor(request.kind, request.isPrimaryCalendar).includes(request.role)) return 'roleNotAllowed';
  if (request.kind === 'external' && request.address !== undefined) {
    if (roleRank(request.role) > roleRank(policyCapFor(policy, request.address))) return 'policyForbids';
  }
  return undefined;
}

/** Outlook's wording; the gateway recognises this exact message. */
export const policyDeniedMessage =
  'The sharing policy of your organization does not allow granting permissions at this level to one or more recipients.';

/** Exchange's id for the organisation-wide entry: base64 of "Default". */
export const myOrganizationPermissionId = 'RGVmYXVsdA==';

/**
 * Exchange's ids are base64 of "ExchangePublishedUser.<address>", so they are stable per recipient.
 * Here `+` and `/` become `-` and `_` so an id never splits a URL path.
 */
export function permissionIdFor(address: string): string {
  return Buffer.from(`ExchangePublishedUser.${address.toLowerCase()}`, 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}
