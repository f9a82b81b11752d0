import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { calendarRoles } from './sharing-rules';
import { resolveTimeZone } from './time-zone';

const role = z.enum(calendarRoles);
const address = z.string().email().transform((value) => value.toLowerCase());
/** A sign-in name, kept as written (compare it case-insensitively): a guest's reads `kim_litware.example.net#EXT#@example.com`. */
const principalName = z
  .string()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected name@domain');
const timeOfDay = z.string().regex(/^\d{2}:\d{2}$/, 'expected HH:MM');
const timeZone = z.string().refine((value) => resolveTimeZone(value) !== undefined, 'unknown time zone');

export const calendarColors = [
  'auto', 'lightBlue', 'lightGreen', 'lightOrange', 'lightGray', 'lightYellow', 'lightTeal', 'lightPink', 'lightBrown', 'lightRed',
] as const;

const orgUser = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
  givenName: z.string(),
  surname: z.string(),
  mail: address,
  userPrincipalName: principalName,
  /** Guest: someone of another organisation invited into this directory; no mailbox here, outside the organisation. */
  userType: z.enum(['Member', 'Guest']).default('Member'),
  jobTitle: z.string().nullable().default(null),
  timeZone: timeZone.default('Europe/Paris'),
  /** Calendars besides the primary "Calendar", which every user has. */
  calendars: z.array(z.object({ name: z.string().min(1), color: z.enum(calendarColors).default('auto') })).default([]),
  /** Outlook's working hours (mailboxSettings.workingHours), in the user's time zone; Monday to Friday 08:00-17:00 when absent. */
  workingHours: z
    .object({
      days: z.array(z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'])).min(1),
      start: timeOfDay,
      end: timeOfDay,
    })
    .optional(),
});

const orgEvent = z
  .object({
    owner: address,
    calendar: z.string().default('Calendar'),
    subject: z.string().min(1),
    /** Days after Monday of the current week, in the owner's time zone (0-13: this week and next). */
    day: z.number().int().min(0).max(27),
    start: timeOfDay.optional(),
    end: timeOfDay.optional(),
    allDay: z.boolean().default(false),
    /** Length of an all-day event in days. */
    days: z.number().int().min(1).default(1),
    showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']).default('busy'),
    sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).default('normal'),
    location: z.string().optional(),
    body: z.string().default(''),
    categories: z.array(z.string()).default([]),
    /** Who sent the invitation; the owner when absent. */
    organizer: address.optional(),
    attendees: z.array(address).default([]),
    isOnlineMeeting: z.boolean().default(false),
  })
  .refine((event) => event.allDay || (event.start !== undefined && event.end !== undefined), 'a timed event needs start and end');

export const demoOrgSchema = z.object({
  tenantId: z.string().min(1),
  domain: z.string().min(1).transform((value) => value.toLowerCase()),
  sharingPolicy: z.object({
    defaultExternal: role.default('freeBusyRead'),
    domains: z.record(z.string(), role).default({}),
  }),
  users: z.array(orgUser).min(1),
  /** People outside the directory who can still receive permissions and mail. */
  externalPeople: z.array(z.object({ name: z.string(), address })).default([]),
  /**
   * Mailboxes of another organisation (a partner's Exchange): they own calendars and events and can share
   * them, but are not in this directory, so /users and getSchedule do not know them.
   */
  outsideMailboxes: z.array(orgUser).default([]),
  shares: z
    .array(
      z.object({
        owner: address,
        calendar: z.string().default('Calendar'),
        recipient: address,
        role,
        /** The recipient accepted the invitation, so Outlook added the calendar to their list. */
        accepted: z.boolean().default(false),
      }),
    )
    .default([]),
  events: z.array(orgEvent).default([]),
});

export type DemoOrg = z.infer<typeof demoOrgSchema>;
export type DirectoryUser = DemoOrg['users'][number];

/** Members have a mailbox in this tenant; guests are in the directory only (their mailbox is at home). */
export function hasMailbox(user: DirectoryUser): boolean {
  return user.userType !== 'Guest';
}
export type OrgEvent = DemoOrg['events'][number];

/** Validates a demo organisation; throws with the offending paths when it does not fit. */
export function parseDemoOrg(data: unknown, source = 'demo organisation'): DemoOrg {
  const result = demoOrgSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid ${source}: ${issues}`);
  }
  return result.data;
}

export function loadDemoOrg(file: string): DemoOrg {
  return parseDemoOrg(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}
