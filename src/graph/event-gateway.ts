/**
 * The part of the calendar port that writes events: what the iCalendar feed sync (and later the
 * two-way CalDAV sync) needs. Domain shapes only; Graph URLs stay in src/graph.
 */
import type { PatternedRecurrence } from '../ical/patterned-recurrence';
import type { Caller, CalendarSummary, Outcome } from './calendar-gateway';

/** A wall-clock time in a zone (IANA or Windows name), as Graph's dateTimeTimeZone. */
export interface ZonedDateTime {
  /** `2026-12-01T09:00:00` */
  dateTime: string;
  timeZone: string;
}

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';

/** An event as written: a single event, or a series master when `recurrence` is set. */
export interface EventContent {
  subject: string;
  body: string;
  start: ZonedDateTime;
  end: ZonedDateTime;
  isAllDay: boolean;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  location: string;
  categories: string[];
  recurrence?: PatternedRecurrence;
}

/** A calendar of the caller's own mailbox, or of another mailbox that shares it with the caller. */
export interface CalendarRef {
  /** The owning mailbox's address; absent for the caller's own. */
  ownerAddress?: string;
  calendarId: string;
}

export type EventOperation =
  | { op: 'create'; calendar: CalendarRef; event: EventContent; properties: Record<string, string>; transactionId: string }
  // ifMatch: the changeKey read; Graph answers 412 if the event changed since.
  | { op: 'update'; calendar: CalendarRef; eventId: string; event: Partial<EventContent>; ifMatch?: string }
  | { op: 'delete'; calendar: CalendarRef; eventId: string; ifMatch?: string };

export interface SyncedEvent {
  id: string;
  /** Changes with every change of the event (ours or the user's in Outlook). */
  changeKey?: string;
  /** The extended properties asked for, by id. */
  properties: Record<string, string>;
}

/** What a write answered: the event's id and its changeKey right after the write (none for a delete). */
export interface WrittenEvent {
  id?: string;
  changeKey?: string;
}

export interface EventInstance {
  id: string;
  /** The occurrence's original start, UTC ISO. */
  originalStart: string;
  /** The If-Match of a write to this occurrence. */
  changeKey?: string;
}

/** An event as Graph holds it, times in UTC and bodies as text: a single event, a series master, an occurrence or an exception. */
export interface EventRecord {
  id: string;
  changeKey?: string;
  iCalUId?: string;
  lastModifiedDateTime?: string;
  subject?: string;
  body?: { content?: string };
  start: ZonedDateTime;
  end: ZonedDateTime;
  isAllDay?: boolean;
  showAs?: ShowAs;
  sensitivity?: Sensitivity;
  location?: { displayName?: string };
  categories?: string[];
  recurrence?: PatternedRecurrence | null;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  seriesMasterId?: string | null;
  originalStart?: string;
  originalStartTimeZone?: string;
  /** The extended properties asked for, by id (events of the calendar listing only). */
  properties: Record<string, string>;
}

/** A calendar's content for a sync: every event and series master, and the occurrences and exceptions inside the window. */
export interface CalendarContent {
  events: EventRecord[];
  instances: EventRecord[];
}

/** One round of `calendarView/delta`: what changed in the window since the link of the previous round. */
export interface EventChanges {
  /** Ids of single events, occurrences and exceptions added or changed. */
  changedIds: string[];
  /** Ids Graph reported `@removed` (deleted, or moved out of the window). */
  removedIds: string[];
  /** Where the next round starts. */
  deltaLink: string;
  /** True when the round started afresh (no link given, or Graph no longer knew it): every event of the window is in `changedIds`. */
  restarted: boolean;
}

export interface CalendarEventsGateway {
  /** A new calendar in the caller's mailbox. */
  createCalendar(caller: Caller, params: { name: string }): Promise<CalendarSummary>;
  /** Deletes one of the caller's own calendars, with its events. */
  deleteCalendar(caller: Caller, params: { calendarId: string }): Promise<void>;
  /** Events of a calendar whose single-value extended property `propertyId` equals `value`, with the properties named in `read`. */
  findEventsByProperty(caller: Caller, params: { calendar: CalendarRef; propertyId: string; value: string; read: string[] }): Promise<SyncedEvent[]>;
  /**
   * Creates, updates and deletes events in `$batch`es of at most 20, at most 4 in flight per mailbox,
   * throttled requests retried after their Retry-After. One outcome per operation, in order; deleting
   * an event already gone succeeds.
   */
  writeEvents(caller: Caller, operations: EventOperation[]): Promise<Array<Outcome<WrittenEvent>>>;
  /**
   * Every event of a calendar with its content (series masters with their pattern, the properties named
   * in `read`), and, when there are series, their occurrences and exceptions between two instants.
   */
  listEventsWithContent(caller: Caller, params: { calendar: CalendarRef; window: { start: Date; end: Date }; read: string[] }): Promise<CalendarContent>;
  /**
   * What changed in the calendar's view of a window since `deltaLink` (calendarView/delta); without a link,
   * or when Graph has forgotten it (410, syncStateNotFound), a fresh round over `window`.
   */
  readEventChanges(caller: Caller, params: { calendar: CalendarRef; window: { start: Date; end: Date }; deltaLink?: string }): Promise<EventChanges>;
  /** The occurrences and exceptions of a series between two instants. */
  listInstances(caller: Caller, params: { calendar: CalendarRef; eventId: string; start: Date; end: Date }): Promise<EventInstance[]>;
}
