import { z } from 'zod';
import { calendarColors } from './org-schema';
import { calendarRoles } from './sharing-rules';

/** The mailbox data the emulator changes and persists; the directory itself comes from the org file. */

const role = z.enum(calendarRoles);
const emailAddress = z.object({ name: z.string(), address: z.string() });

export const storedCalendarSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  color: z.enum(calendarColors),
  isDefault: z.boolean(),
  changeKey: z.string(),
});

/** A calendarPermission as Exchange keeps it; allowedRoles and isInsideOrganization are derived. */
export const storedPermissionSchema = z.object({
  id: z.string(),
  calendarId: z.string(),
  /** Null for the organisation-wide "My Organization" entry. */
  address: z.string().nullable(),
  name: z.string(),
  role,
});

export const storedEventSchema = z.object({
  id: z.string(),
  calendarId: z.string(),
  subject: z.string(),
  body: z.string(),
  /** UTC instants (ISO 8601); all-day events run from midnight to midnight in the owner's zone. */
  start: z.string(),
  end: z.string(),
  originalTimeZone: z.string(),
  isAllDay: z.boolean(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']),
  location: z.string().nullable(),
  categories: z.array(z.string()),
  organizer: emailAddress,
  attendees: z.array(emailAddress),
  isOnlineMeeting: z.boolean(),
  createdDateTime: z.string(),
  // Written through the events routes (issue 11); seeded events have none of these.
  lastModifiedDateTime: z.string().optional(),
  /** Graph's patternedRecurrence of a series master, as the client wrote it. */
  recurrence: z.record(z.string(), z.unknown()).nullable().optional(),
  /** An exception of a series: its master and the occurrence's original start (UTC ISO). */
  seriesMasterId: z.string().optional(),
  originalStart: z.string().optional(),
  /** Original starts (UTC ISO) of occurrences deleted from a series. */
  deletedOccurrences: z.array(z.string()).optional(),
  /** Single-value extended properties, by id as written ("String {guid} Name key"). */
  extendedProperties: z.record(z.string(), z.string()).optional(),
  transactionId: z.string().optional(),
});

/** A shared calendar Outlook added to a sharee's list; its name is the sharee's own alias. */
export const calendarListEntrySchema = z.object({
  id: z.string(),
  userId: z.string(),
  ownerId: z.string(),
  calendarId: z.string(),
  name: z.string(),
  color: z.enum(calendarColors),
});

const recipient = z.object({ emailAddress: z.object({ name: z.string().optional(), address: z.string() }) });

export const capturedMessageSchema = z.object({
  id: z.string(),
  from: emailAddress,
  sentDateTime: z.string(),
  subject: z.string(),
  body: z.object({ contentType: z.enum(['text', 'html']), content: z.string() }),
  toRecipients: z.array(recipient),
  ccRecipients: z.array(recipient),
  bccRecipients: z.array(recipient),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number(), contentBytes: z.string() })),
});

export const emulatorStateSchema = z.object({
  version: z.literal(1),
  seededAt: z.string(),
  policy: z.object({ defaultExternal: role, domains: z.record(z.string(), role) }),
  /**
   * What listing someone else's calendars answers when they share none with the caller: Exchange's access
   * denied (403), or, as some tenants do, their default calendar alone (which the caller still cannot open).
   */
  unsharedCalendarList: z.enum(['accessDenied', 'defaultCalendarOnly']).default('accessDenied'),
  calendars: z.array(storedCalendarSchema),
  permissions: z.array(storedPermissionSchema),
  events: z.array(storedEventSchema),
  calendarList: z.array(calendarListEntrySchema),
  mail: z.array(capturedMessageSchema),
  /** Feeds ids that must stay unique across restarts (sent mail). */
  sequence: z.number().int(),
});

export type StoredCalendar = z.infer<typeof storedCalendarSchema>;
export type StoredPermission = z.infer<typeof storedPermissionSchema>;
export type StoredEvent = z.infer<typeof storedEventSchema>;
export type CalendarListEntry = z.infer<typeof calendarListEntrySchema>;
export type CapturedMessage = z.infer<typeof capturedMessageSchema>;
export type EmulatorState = z.infer<typeof emulatorStateSchema>;
export type CalendarColor = StoredCalendar['color'];

/** Opaque ids shaped like Exchange's ("AAMkA..."), derived from a stable key so seeds are reproducible. */
export function exchangeId(kind: string, key: string): string {
  return `AAMkA${Buffer.from(`${kind}:${key}`, 'utf8').toString('base64url')}`;
}
