/**
 * The port between the conversation and the calendar system, in domain terms.
 * Dialogs see only these types; Graph URLs and Graph types stay inside `src/graph/`.
 * Every failure is a `GraphError` (see ./graph-error) with a `reason` the dialogs turn into a message.
 */
import type { CalendarRead, CalendarReadOutcomes } from './calendar-reads';
import type { CalendarEventsGateway } from './event-gateway';

/** The sharing levels Outlook knows, from "can see when I'm busy" to full delegation. */
export type CalendarRole =
  | 'none'
  | 'freeBusyRead'
  | 'limitedRead'
  | 'read'
  | 'write'
  | 'delegateWithoutPrivateEventAccess'
  | 'delegateWithPrivateEventAccess'
  | 'custom';

/**
 * Which identity a Graph call runs with: `user` (the default) is the person's own delegated token, which
 * exists only while they have a turn running (Teams SSO); `app` is the product's own identity (client
 * credentials) acting on that person's mailbox, for work nobody is waiting for (jobs). See `appActingOn`.
 */
export type GraphIdentity = 'user' | 'app';

/**
 * Whose mailbox a call is about and with which identity: `userId` is the person's Entra object id
 * (aadObjectId). Without `as`, the call uses that person's delegated token (inside their turn).
 */
export interface Caller {
  userId: string;
  as?: GraphIdentity;
}

/** The product's own identity acting on one person's mailbox: what background jobs pass to the gateway. */
export function appActingOn(userId: string): Caller {
  return { userId, as: 'app' };
}

/** The delegated caller inside that person's own turn. */
export function userActing(userId: string): Caller {
  return { userId, as: 'user' };
}

export function isAppCaller(caller: Caller): boolean {
  return caller.as === 'app';
}

/**
 * Gives a Graph access token for a call. Production: the turn's Teams SSO token for `user` callers and
 * a client-credentials token for `app` callers; locally, the emulator's token.
 */
export interface TokenProvider {
  getToken(caller: Caller): Promise<string>;
  /** Graph answered 401 to this caller's token (expired, revoked): the provider may drop it. */
  rejected?(caller: Caller): void;
}

export interface Person {
  /** Directory object id; absent for people outside the directory. */
  id?: string;
  displayName: string;
  address: string;
  isInsideOrganization: boolean;
}

export interface Me extends Person {
  /** The mailbox's time zone (Windows or IANA name, as Outlook stores it), when readable. */
  timeZone?: string;
}

export interface CalendarOwner {
  name: string;
  address: string;
}

export interface CalendarSummary {
  id: string;
  name: string;
  isDefault: boolean;
  canShare: boolean;
  canEdit: boolean;
  canViewPrivateItems: boolean;
  owner: CalendarOwner;
}

export interface CalendarPermission {
  id: string;
  role: CalendarRole;
  allowedRoles: CalendarRole[];
  /** `address` is null for the "My Organization" entry. */
  recipient: { name: string; address: string | null };
  /** The non-removable default entry that sets what everyone in the organization sees. */
  isMyOrganization: boolean;
  isInsideOrganization: boolean;
  isRemovable: boolean;
}

export interface AgendaEvent {
  id: string;
  /** Local date-time in `timeZone`, as Outlook gives it: `2024-05-02T09:00:00.0000000`. */
  start: string;
  end: string;
  timeZone: string;
  isAllDay: boolean;
  /** free, tentative, busy, oof, workingElsewhere, unknown. */
  showAs: string;
  /** Absent when the caller's role does not show it (freeBusyRead) or the event is private. */
  subject?: string;
  location?: string;
  isPrivate: boolean;
  organizer?: string;
  bodyPreview?: string;
}

export interface ScheduleItem {
  status: string;
  start: string;
  end: string;
  subject?: string;
  /** Set by Exchange on private items: the reader sees a busy block only. */
  isPrivate?: boolean;
}

/** Outlook's working hours (mailboxSettings.workingHours): days, wall-clock times, and their zone. */
export interface WorkingHours {
  daysOfWeek: string[];
  /** "08:00:00.0000000" */
  startTime: string;
  endTime: string;
  /** Windows or IANA name, as Outlook stores it. */
  timeZone?: string;
}

export interface PersonSchedule {
  address: string;
  /** One digit per interval: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere. */
  availabilityView: string;
  items: ScheduleItem[];
  /** Why this person's schedule could not be read (the others are still returned). */
  error?: string;
  /** The person's working hours, when Graph shows them to the caller. */
  workingHours?: WorkingHours;
}

/** Who a typed name or address stands for: the directory's matches, or one outside person for an address. */
export interface PeopleMatches {
  /** The caller's own address, to tell an outside address from a typo at the caller's domain. */
  myAddress: string;
  /** The caller's mailbox time zone (Windows or IANA name), when readable. */
  myTimeZone?: string;
  /** Keyed by the query as given. */
  matches: Map<string, Outcome<Person[]>>;
}

/** Everything a free/busy view needs, read in one round trip. */
export interface AvailabilitySnapshot {
  me: { timeZone?: string; workingHours?: WorkingHours };
  /** In the order of the addresses asked; item times are UTC. */
  schedules: PersonSchedule[];
  /** Events of each extra calendar of the caller's list, keyed by calendar id; times are UTC. */
  extraCalendars: Map<string, Outcome<AgendaEvent[]>>;
}

export interface MeetingRequest {
  subject: string;
  start: Date;
  end: Date;
  /** The zone Outlook shows the meeting in (the organiser's). */
  timeZone: string;
  attendees: Array<{ address: string; name: string }>;
  /** Makes a repeated create (a double click, a retry) return the first meeting instead of a second one. */
  transactionId: string;
}

export interface MailAttachment {
  name: string;
  contentType: string;
  base64: string;
}

/** An event as an iCalendar export needs it: the agenda's fields and what ties occurrences to their series. */
export interface ExportEvent extends AgendaEvent {
  /** The series an occurrence (or changed occurrence) belongs to. */
  seriesMasterId?: string;
  /** Where the series' pattern put this occurrence: an instant (ISO 8601 with offset). */
  originalStart?: string;
  /** The zone the event was created in (Windows or IANA name, as Outlook stores it). */
  originalTimeZone?: string;
  /** The body as plain text, when the caller may read it. */
  body?: string;
  categories: string[];
  /** ISO 8601 instant of the last change. */
  lastModified?: string;
}

/** The mailbox's working week in simple form (Outlook's "only my working hours" for snapshots). */
export interface WorkingWeek {
  /** 0 = Sunday ... 6 = Saturday. */
  days: number[];
  /** "HH:MM" wall-clock times in `timeZone`. */
  start: string;
  end: string;
  timeZone?: string;
}

/** One calendar's result in a call that reads several calendars at once: a value, or why it failed. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface CalendarGateway extends CalendarEventsGateway {
  /**
   * Several reads of one action that do not depend on each other's answers, in one round trip (one
   * `$batch`, or the request itself when there is only one), keyed as asked. Each read's failure stands
   * alone, and each read may cost more round trips only for the pages after its first.
   */
  readTogether<Q extends Record<string, CalendarRead>>(caller: Caller, reads: Q): Promise<CalendarReadOutcomes<Q>>;
  /**
   * The caller's own profile and mailbox time zone, kept a few minutes per person. `fresh`: read
   * Graph now (a check that the mailbox answers, who is acting for the helpdesk).
   */
  getMe(caller: Caller, options?: { fresh?: boolean }): Promise<Me>;
  /**
   * Calendars in the caller's Outlook list: their own and those others shared that were added.
   * `maxAgeMs`: the caller's listing read that recently may be reused (forms that only offer the
   * calendars); our own calendar writes (create, delete, rename) always make the next one read Graph.
   */
  listMyCalendars(caller: Caller, options?: { maxAgeMs?: number }): Promise<CalendarSummary[]>;
  /** Directory search by the start of a name or address. */
  findPeople(caller: Caller, params: { query: string; limit?: number }): Promise<Person[]>;
  /**
   * A typed address as a person: from the directory (inside), or a well-formed address elsewhere (external).
   * An unknown address at the organization's own domain is a `notFound` GraphError.
   */
  resolvePerson(caller: Caller, params: { address: string }): Promise<Person>;
  /** A directory person by object id (the Teams people picker's value), or undefined. */
  personById(caller: Caller, params: { id: string }): Promise<Person | undefined>;
  /** Who can see one of the caller's calendars. Empty when the caller does not own it. */
  listPermissions(caller: Caller, params: { calendarId: string }): Promise<CalendarPermission[]>;
  /** The same for several calendars in one round trip, keyed by calendar id. */
  listPermissionsForCalendars(caller: Caller, params: { calendarIds: string[] }): Promise<Map<string, Outcome<CalendarPermission[]>>>;
  /** Shares a calendar; when the recipient already has an entry, its role is changed instead. */
  grantPermission(
    caller: Caller,
    params: { calendarId: string; recipient: { address: string; name?: string }; role: CalendarRole },
  ): Promise<CalendarPermission>;
  updatePermission(caller: Caller, params: { calendarId: string; permissionId: string; role: CalendarRole }): Promise<CalendarPermission>;
  revokePermission(caller: Caller, params: { calendarId: string; permissionId: string }): Promise<void>;
  /** The owner's calendars that are shared with the caller, read with the caller's token. */
  listCalendarsSharedBy(caller: Caller, params: { ownerAddress: string }): Promise<CalendarSummary[]>;
  /** The same for several owners in one round trip, keyed by the owner address as given. */
  listCalendarsSharedByMany(caller: Caller, params: { ownerAddresses: string[] }): Promise<Map<string, Outcome<CalendarSummary[]>>>;
  /**
   * Events between `start` and `end`, times in `timeZone`. Without `ownerAddress`: a calendar in the caller's list
   * (their own or a shared one they added); with it: the owner's calendar, read directly. Without `calendarId`:
   * the primary calendar. Details are what the caller's role allows.
   */
  readAgenda(
    caller: Caller,
    params: { ownerAddress?: string; calendarId?: string; start: Date; end: Date; timeZone: string },
  ): Promise<AgendaEvent[]>;
  /** Renames a calendar in the caller's list (for a shared calendar: the caller's own alias, invisible to the owner). */
  renameMyCalendarView(caller: Caller, params: { calendarId: string; name: string }): Promise<CalendarSummary>;
  /** Free/busy of several people; at most 62 days. Times of items are in `timeZone` (default UTC). */
  getSchedule(
    caller: Caller,
    params: { addresses: string[]; start: Date; end: Date; intervalMinutes: number; timeZone?: string },
  ): Promise<PersonSchedule[]>;
  /** Several typed names or addresses matched against the directory in one round trip. */
  matchPeople(caller: Caller, params: { queries: string[]; idQueries?: string[] }): Promise<PeopleMatches>;
  /**
   * Free/busy of people (getSchedule, batched by 20 and split under 62 days), the caller's time zone and working
   * hours, and the events of extra calendars of the caller's list: one `$batch` round trip for up to 20 people.
   */
  readAvailability(
    caller: Caller,
    params: { addresses: string[]; start: Date; end: Date; intervalMinutes: number; extraCalendarIds: string[] },
  ): Promise<AvailabilitySnapshot>;
  /** Creates a meeting in the caller's primary calendar and invites the attendees. */
  createMeeting(caller: Caller, params: MeetingRequest): Promise<{ id: string; webLink?: string }>;
  /** Sends an HTML mail from the caller's mailbox. The attachment must stay under 3 MB. */
  sendMail(caller: Caller, params: { to: string[]; subject: string; html: string; attachment?: MailAttachment }): Promise<void>;
  /**
   * One of the caller's own calendars (primary without `calendarId`) for an iCalendar export, occurrences included.
   * `ownerId` names the mailbox by object id instead of `/me`, for work that runs without the user (feeds).
   */
  readCalendarExport(caller: Caller, params: { ownerId?: string; calendarId?: string; start: Date; end: Date; timeZone: string }): Promise<ExportEvent[]>;
  /** The caller's working hours, when the mailbox has them. */
  getWorkingHours(caller: Caller): Promise<WorkingWeek | undefined>;
}
