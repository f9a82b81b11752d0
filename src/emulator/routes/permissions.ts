import { mailboxUser, resolveCalendar, type CalendarTarget } from '../calendar-access';
import { accessDenied, GraphApiError, invalidParameter, invalidRequest, itemNotFound, json, noContent, objectBody } from '../graph-http';
import { applySelect, outlookAlwaysReturns } from '../odata';
import { calendarPatterns, routesFor, type Route, type RouteContext } from '../router';
import { displayNameOf } from '../seed';
import {
  allowedRolesFor,
  checkGrant,
  isCalendarRole,
  permissionIdFor,
  policyDeniedMessage,
  recipientKind,
  type CalendarRole,
  type RecipientKind,
} from '../sharing-rules';
import type { StoredCalendar, StoredPermission } from '../state';
import type { EmulatorStore } from '../state-store';

function kindOf(store: EmulatorStore, permission: StoredPermission): RecipientKind {
  return permission.address === null ? 'organization' : recipientKind(permission.address, store.org.domain);
}

export function permissionJson(store: EmulatorStore, calendar: StoredCalendar, permission: StoredPermission): Record<string, unknown> {
  const kind = kindOf(store, permission);
  return {
    id: permission.id,
    isRemovable: kind !== 'organization',
    isInsideOrganization: kind !== 'external',
    role: permission.role,
    allowedRoles: allowedRolesFor(kind, calendar.isDefault),
    emailAddress: { name: permission.name, address: permission.address },
  };
}

function target({ params, caller, store }: RouteContext): CalendarTarget {
  return resolveCalendar(store, caller, mailboxUser(store, params.user), params.calendar);
}

/** Only the owner manages permissions; a shared calendar in the sharee's own list is not theirs to manage. */
function isOwner(calendar: CalendarTarget): boolean {
  return calendar.level === 'owner' && calendar.entry === undefined;
}

function ownedTarget(context: RouteContext): CalendarTarget {
  const calendar = target(context);
  if (!isOwner(calendar)) throw accessDenied();
  return calendar;
}

function findPermission(store: EmulatorStore, calendar: StoredCalendar, id: string): StoredPermission {
  const permission = store.state.permissions.find((candidate) => candidate.calendarId === calendar.id && candidate.id === id);
  if (!permission) throw itemNotFound();
  return permission;
}

function parseRole(value: unknown): CalendarRole {
  if (value === undefined) throw invalidRequest("The property 'role' is required.");
  if (!isCalendarRole(value)) {
    throw new GraphApiError(400, 'BadRequest', `Cannot convert the literal ${JSON.stringify(value)} to the expected type 'microsoft.graph.calendarRoleType'.`);
  }
  return value;
}

function enforceRules(store: EmulatorStore, calendar: StoredCalendar, kind: RecipientKind, role: CalendarRole, address?: string): void {
  const refusal = checkGrant({ role, kind, isPrimaryCalendar: calendar.isDefault, address }, store.state.policy);
  if (refusal === 'roleNotAllowed') {
    const allowed = allowedRolesFor(kind, calendar.isDefault).join(', ');
    throw invalidParameter(`The role '${role}' is not allowed for this recipient on this calendar. Allowed roles: ${allowed}.`);
  }
  if (refusal === 'policyForbids') throw accessDenied(policyDeniedMessage);
}

function listPermissions(context: RouteContext) {
  const calendar = target(context);
  // Exchange answers a sharee or delegate with an empty collection rather than an error.
  if (!isOwner(calendar)) return json(200, { value: [] });
  const permissions = context.store.state.permissions
    .filter((permission) => permission.calendarId === calendar.calendar.id)
    .sort((a, b) => Number(a.address === null) - Number(b.address === null));
  return json(200, { value: permissions.map((permission) => applySelect(context.request, permissionJson(context.store, calendar.calendar, permission), outlookAlwaysReturns)) });
}

function createPermission(context: RouteContext) {
  const { store } = context;
  const { calendar, owner } = ownedTarget(context);
  const body = objectBody(context.request);
  const emailAddress = body.emailAddress as { address?: unknown; name?: unknown } | undefined;
  const given = typeof emailAddress?.address === 'string' ? emailAddress.address.trim().toLowerCase() : '';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(given)) throw invalidParameter("The property 'emailAddress.address' must be a valid email address.");
  const role = parseRole(body.role);
  const kind = recipientKind(given, store.org.domain);
  const person = store.findUser(given);
  if (kind === 'internal' && !person) throw new GraphApiError(400, 'ErrorInvalidRecipients', `The recipient '${given}' could not be resolved.`);
  if (person?.id === owner.id) throw invalidParameter('The calendar owner cannot be added as a recipient of their own calendar.');
  const address = person?.mail ?? given;
  if (store.state.permissions.some((permission) => permission.calendarId === calendar.id && permission.address === address)) {
    throw new GraphApiError(409, 'ErrorItemAlreadyExists', `A permission for '${address}' already exists on this calendar. Update its role instead.`);
  }
  enforceRules(store, calendar, kind, role, address);
  const suppliedName = typeof emailAddress?.name === 'string' && emailAddress.name.trim() ? emailAddress.name.trim() : undefined;
  const permission: StoredPermission = {
    id: permissionIdFor(address),
    calendarId: calendar.id,
    address,
    name: person?.displayName ?? suppliedName ?? displayNameOf(store.org, address),
    role,
  };
  store.change((state) => state.permissions.push(permission));
  return json(201, permissionJson(store, calendar, permission));
}

function updatePermission(context: RouteContext) {
  const { store } = context;
  const { calendar } = ownedTarget(context);
  const permission = findPermission(store, calendar, context.params.permission);
  const body = objectBody(context.request);
  const other = Object.keys(body).find((key) => key !== 'role' && !key.startsWith('@odata.'));
  if (other) throw invalidRequest(`Only the role of a calendar permission can be updated; '${other}' cannot.`);
  const role = parseRole(body.role);
  enforceRules(store, calendar, kindOf(store, permission), role, permission.address ?? undefined);
  store.change(() => {
    permission.role = role;
  });
  return json(200, permissionJson(store, calendar, permission));
}

function deletePermission(context: RouteContext) {
  const { store } = context;
  const { calendar } = ownedTarget(context);
  const permission = findPermission(store, calendar, context.params.permission);
  if (permission.address === null) throw accessDenied('The default permission of a calendar cannot be removed.');
  store.change((state) => {
    state.permissions = state.permissions.filter((candidate) => candidate !== permission);
  });
  return noContent();
}

export const permissionRoutes: Route[] = [
  ...routesFor('GET', calendarPatterns('/calendarPermissions'), listPermissions),
  ...routesFor('POST', calendarPatterns('/calendarPermissions'), createPermission),
  ...routesFor('GET', calendarPatterns('/calendarPermissions/:permission'), (context) => {
    const { calendar } = ownedTarget(context);
    return json(200, applySelect(context.request, permissionJson(context.store, calendar, findPermission(context.store, calendar, context.params.permission)), outlookAlwaysReturns));
  }),
  ...routesFor('PATCH', calendarPatterns('/calendarPermissions/:permission'), updatePermission),
  ...routesFor('DELETE', calendarPatterns('/calendarPermissions/:permission'), deletePermission),
];
