/**
 * The port between the conversation and the calendar system, in domain terms.
 * Dialogs see only these types; Graph URLs and Graph types stay inside `src/graph/`.
 * Every failure is a `GraphError` (see ./graph-error) with a `reason` the dialogs turn into a message.
 */

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

/** Who acts: the Teams user's Entra object id (aadObjectId). Every call runs with this user's token. */
export interface Caller {
  userId: string;
}

/** Gives a Graph access token for a user. Teams SSO on-behalf-of in production, the emulator's token locally. */
export interface TokenProvider {
  getToken(caller: Caller): Promise<string>;
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
}

export interface PersonSchedule {
  address: string;
  /** One digit per interval: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere. */
  availabilityView: string;
  items: ScheduleItem[];
  /** Why this person's schedule could not be read (the others are still returned). */
  error?: string;
}

export interface MailAttachment {
  name: string;
  contentType: string;
  base64: string;
}

/** One calendar's result in a call that reads several calendars at once: a value, or why it failed. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface CalendarGateway {
  /**
   * The caller's own profile and mailbox time zone, kept a few minutes per person. `fresh`: read
   * Graph now (a check that the mailbox answers, who is acting for the helpdesk).
   */
  getMe(caller: Caller, options?: { fresh?: boolean }): Promise<Me>;
  /** Calendars in the caller's Outlook list: their own and those others shared that were added. */
  listMyCalendars(caller: Caller): Promise<CalendarSummary[]>;
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
  /** Sends an HTML mail from the caller's mailbox. The attachment must stay under 3 MB. */
  sendMail(caller: Caller, params: { to: string[]; subject: string; html: string; attachment?: MailAttachment }): Promise<void>;
}
