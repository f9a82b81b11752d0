import { recurrenceProblem } from '../ical/patterned-recurrence';
import { GraphApiError, invalidRequest } from './graph-http';
import type { StoredEvent } from './state';
import { parseInZone, resolveTimeZone } from './time-zone';

/** The part of a stored event a client writes with POST or PATCH. */
export type EventFields = Partial<
  Pick<StoredEvent, 'subject' | 'body' | 'start' | 'end' | 'originalTimeZone' | 'isAllDay' | 'showAs' | 'sensitivity' | 'location' | 'categories' | 'recurrence' | 'attendees' | 'isOnlineMeeting'>
> & { extendedProperties?: Record<string, string> };

const showAsValues = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere'] as const;
const sensitivities = ['normal', 'personal', 'private', 'confidential'] as const;
const writable = new Set([
  'subject', 'body', 'start', 'end', 'isAllDay', 'showAs', 'sensitivity', 'location', 'locations', 'categories', 'recurrence',
  'singleValueExtendedProperties', 'transactionId', 'reminderMinutesBeforeStart', 'isReminderOn', 'importance',
  'attendees', 'isOnlineMeeting',
]);
const maxAttendees = 500;
/** Graph's own shape for a single-value extended property id: a type, a property set GUID, a name. */
const propertyId = /^String \{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\} Name [^\s]{1,255}$/i;

const badValue = (property: string): GraphApiError => invalidRequest(`The value of the property '${property}' is not valid.`);

function text(value: unknown, property: string, max = 255): string {
  if (typeof value !== 'string' || value.length > max) throw badValue(property);
  return value;
}

function dateTimeTimeZone(value: unknown, property: string): { instant: Date; zone: string; wall: string } {
  const item = (value ?? {}) as { dateTime?: unknown; timeZone?: unknown };
  if (typeof item.dateTime !== 'string') throw badValue(property);
  const zone = resolveTimeZone(typeof item.timeZone === 'string' ? item.timeZone : 'UTC');
  if (!zone) throw new GraphApiError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${String(item.timeZone)}'.`);
  const instant = parseInZone(item.dateTime, zone);
  if (!instant) throw badValue(property);
  return { instant, zone, wall: item.dateTime };
}

function attendeesOf(value: unknown): StoredEvent['attendees'] {
  if (!Array.isArray(value) || value.length > maxAttendees) throw badValue('attendees');
  return value.map((entry) => {
    const email = (entry as { emailAddress?: { name?: unknown; address?: unknown } } | undefined)?.emailAddress;
    if (typeof email?.address !== 'string' || !email.address.includes('@')) throw badValue('attendees');
    return { name: typeof email.name === 'string' ? email.name : email.address, address: email.address.toLowerCase() };
  });
}

/** Strips markup from an HTML body: the emulator keeps plain text and wraps it when it answers. */
function bodyText(value: unknown): string {
  const body = (value ?? {}) as { contentType?: unknown; content?: unknown };
  const content = typeof body.content === 'string' ? body.content : '';
  if (String(body.contentType).toLowerCase() !== 'html') return content;
  return content.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function extendedProperties(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) throw badValue('singleValueExtendedProperties');
  const properties: Record<string, string> = {};
  for (const item of value as Array<{ id?: unknown; value?: unknown }>) {
    if (typeof item?.id !== 'string' || !propertyId.test(item.id)) throw new GraphApiError(400, 'ErrorInvalidExtendedPropertyValue', 'The extended property id is not valid.');
    if (typeof item.value !== 'string') throw new GraphApiError(400, 'ErrorInvalidExtendedPropertyValue', 'The extended property value must be a string.');
    properties[item.id] = item.value;
  }
  return properties;
}

/**
 * Reads a POST or PATCH body into stored fields, refusing what Graph refuses: unknown properties,
 * unknown zones, an end before the start, an all-day event not at midnight, an invalid recurrence.
 * `current` is the event being patched (its times complete a partial change).
 */
export function readEventFields(body: Record<string, unknown>, current?: StoredEvent): EventFields {
  const unknown = Object.keys(body).find((key) => !writable.has(key) && !key.startsWith('@odata.'));
  if (unknown) throw new GraphApiError(400, 'RequestBodyRead', `The property '${unknown}' does not exist on type 'microsoft.graph.event'.`);
  const fields: EventFields = {};
  if (body.subject !== undefined) fields.subject = text(body.subject, 'subject');
  if (body.body !== undefined) fields.body = bodyText(body.body);
  if (body.location !== undefined) fields.location = text((body.location as { displayName?: unknown } | null)?.displayName ?? '', 'location') || null;
  if (body.categories !== undefined) {
    if (!Array.isArray(body.categories) || body.categories.some((category) => typeof category !== 'string')) throw badValue('categories');
    fields.categories = body.categories as string[];
  }
  if (body.showAs !== undefined) {
    if (!(showAsValues as readonly unknown[]).includes(body.showAs)) throw badValue('showAs');
    fields.showAs = body.showAs as StoredEvent['showAs'];
  }
  if (body.sensitivity !== undefined) {
    if (!(sensitivities as readonly unknown[]).includes(body.sensitivity)) throw badValue('sensitivity');
    fields.sensitivity = body.sensitivity as StoredEvent['sensitivity'];
  }
  if (body.isAllDay !== undefined) {
    if (typeof body.isAllDay !== 'boolean') throw badValue('isAllDay');
    fields.isAllDay = body.isAllDay;
  }
  if (body.attendees !== undefined) fields.attendees = attendeesOf(body.attendees);
  if (body.isOnlineMeeting !== undefined) {
    if (typeof body.isOnlineMeeting !== 'boolean') throw badValue('isOnlineMeeting');
    fields.isOnlineMeeting = body.isOnlineMeeting;
  }
  if (body.singleValueExtendedProperties !== undefined) fields.extendedProperties = extendedProperties(body.singleValueExtendedProperties);
  if (!current && (body.start === undefined || body.end === undefined)) throw invalidRequest('An event needs a start and an end.');
  const start = body.start !== undefined ? dateTimeTimeZone(body.start, 'start') : undefined;
  const end = body.end !== undefined ? dateTimeTimeZone(body.end, 'end') : undefined;
  if (start) {
    fields.start = start.instant.toISOString();
    fields.originalTimeZone = start.zone;
  }
  if (end) fields.end = end.instant.toISOString();
  const startAt = fields.start ?? current?.start ?? '';
  const endAt = fields.end ?? current?.end ?? '';
  if (Date.parse(endAt) < Date.parse(startAt)) throw new GraphApiError(400, 'ErrorPropertyValidationFailure', 'The end of the event must not be before its start.');
  const allDay = fields.isAllDay ?? current?.isAllDay ?? false;
  if (allDay && [start, end].some((time) => time && !/T00:00(:00(\.0+)?)?$/.test(time.wall) && /T/.test(time.wall))) {
    throw new GraphApiError(400, 'ErrorPropertyValidationFailure', 'The start and end of an all-day event must be at midnight.');
  }
  if (body.recurrence !== undefined && body.recurrence !== null) {
    const problem = recurrenceProblem(body.recurrence);
    if (problem) throw new GraphApiError(400, 'ErrorPropertyValidationFailure', problem);
    fields.recurrence = body.recurrence as Record<string, unknown>;
  } else if (body.recurrence === null) {
    fields.recurrence = null;
  }
  return fields;
}

/** The `transactionId` of a create, when the client sent one. */
export function transactionIdOf(body: Record<string, unknown>): string | undefined {
  const value = body.transactionId;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) throw badValue('transactionId');
  return value;
}
