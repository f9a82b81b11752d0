import { isAppCaller, type Caller } from './calendar-gateway';
/**
 * The only place that spells Graph paths (relative to the base URL's version segment). Every piece of user
 * input is percent-encoded here, so no typed text can change the path or add query options.
 */

/** A path segment: ids and addresses (`@` is legal in a path segment and reads better in logs). */
export function segment(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@');
}

export type QueryValue = string | number | readonly string[] | undefined;

/** Appends OData and plain query options; `$select` arrays are joined with commas. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | readonly string[]] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? value.map(encodeURIComponent).join(',') : encodeURIComponent(String(value))}`);
  return parts.length === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

/** An OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Whose mailbox: the caller's (`/me`) or someone else's by id or address. */
export function mailboxPath(ownerAddress?: string): string {
  return ownerAddress === undefined ? '/me' : `/users/${segment(ownerAddress)}`;
}

/** A calendar of a mailbox; the primary one when no id is given. */
export function calendarPath(ownerAddress: string | undefined, calendarId: string | undefined): string {
  return calendarId === undefined ? `${mailboxPath(ownerAddress)}/calendar` : `${mailboxPath(ownerAddress)}/calendars/${segment(calendarId)}`;
}

export function permissionsPath(calendarId: string, permissionId?: string): string {
  const base = `${calendarPath(undefined, calendarId)}/calendarPermissions`;
  return permissionId === undefined ? base : `${base}/${segment(permissionId)}`;
}

/** Exchange's Prefer header so event times come in the reader's time zone. */
export function preferTimeZone(timeZone: string): Record<string, string> {
  return { Prefer: `outlook.timezone="${timeZone.replace(/["\\]/g, '')}"` };
}

/**
 * `/me` means "the signed-in user" and only exists with a delegated token: the app identity names the
 * mailbox it acts on instead (`/users/{id}`). Every path goes through here, `$batch` inner ones too.
 */
export function pathForCaller(caller: Caller, path: string): string {
  if (!isAppCaller(caller)) return path;
  return path.replace(/^\/me(?=[/?]|$)/i, `/users/${encodeURIComponent(caller.userId)}`);
}
