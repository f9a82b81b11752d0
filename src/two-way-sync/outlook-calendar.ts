/**
 * The Outlook side of a two-way sync, through the event gateway only: a `calendarView/delta` round says
 * whether (and what) changed in the window since the last sync; when something did, one listing of the
 * calendar's events and series masters and one calendarView of the window for the exceptions and
 * occurrences. Writes go through the gateway of "iCalendar in" ($batch, Retry-After honoured,
 * transactionId on creates, If-Match on every update and delete, occurrences included).
 */
import { createHash } from 'node:crypto';
import type { Caller } from '../graph/calendar-gateway';
import type { CalendarEventsGateway, CalendarRef, EventChanges, EventContent, EventOperation, EventRecord, ZonedDateTime } from '../graph/event-gateway';
import type { MappedException } from '../ical/graph-event-mapping';
import { instantOf } from '../ical/ics-zones';
import { patternToRrule, type PatternedRecurrence } from '../ical/patterned-recurrence';
import { expandRecurrences } from '../ical/rrule-expansion';
import { resolveTimeZone } from '../ical/time-zones';
import { wallClockOf } from '../time/zoned-time';
import { hashOf, type SyncEvent } from './sync-event';
import type { SyncItemStatus } from './sync-pair-store';

/** The CalDAV UID of an event this sync created in Outlook (Graph chooses its own iCalUId). */
export const uidProperty = 'String {4d1b7c58-5f0b-4c51-9a0e-2b7f0f3a9c12} Name caldavUid';

export interface OutlookItem {
  uid: string;
  id: string;
  /** changeKey, plus the change keys of a series' exceptions. */
  version: string;
  /** The master's own changeKey: the If-Match of our writes to it. */
  changeKey?: string;
  hash: string;
  /** Absent when nothing changed in Outlook since the last sync (the item is what the status says). */
  event?: SyncEvent;
  /** The ids of a series' occurrences and exceptions in the window. */
  instanceIds?: string[];
}

/** An item read from Graph in this run. */
export type ListedOutlookItem = OutlookItem & { event: SyncEvent };

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function wallIn(instant: Date, zone: string): string {
  const wall = wallClockOf(instant, zone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

const instantOfUtc = (time: ZonedDateTime): Date => new Date(`${time.dateTime.slice(0, 19)}Z`);

/** Graph's UTC times back in the event's own zone (a Windows name becomes its IANA zone). */
function contentOf(event: EventRecord, zone: string): EventContent {
  const isAllDay = event.isAllDay ?? false;
  const start = instantOfUtc(event.start);
  const end = instantOfUtc(event.end);
  const time = (instant: Date): ZonedDateTime => ({ dateTime: isAllDay ? `${wallIn(instant, zone).slice(0, 10)}T00:00:00` : wallIn(instant, zone), timeZone: zone });
  return {
    subject: event.subject ?? '',
    body: event.body?.content ?? '',
    start: time(start),
    end: time(end),
    isAllDay,
    showAs: event.showAs ?? 'busy',
    sensitivity: event.sensitivity ?? 'normal',
    location: event.location?.displayName ?? '',
    categories: event.categories ?? [],
    ...(event.recurrence ? { recurrence: event.recurrence } : {}),
  };
}

function zoneOf(event: EventRecord): string {
  return resolveTimeZone(event.recurrence?.range.recurrenceTimeZone ?? event.originalStartTimeZone) ?? 'UTC';
}

/** A transactionId that is the same on every retry of the same create. */
const transactionOf = (pairId: string, uid: string, hash: string): string => createHash('sha256').update(`${pairId}|${uid}|${hash}`).digest('hex').slice(0, 36);

/** The window a delta round watches: whole days, wider than the sync's own window, so one link serves a whole day. */
export function deltaWindowOf(window: { start: Date; end: Date }): { start: Date; end: Date } {
  const day = 86400_000;
  return { start: new Date(Math.floor(window.start.getTime() / day) * day - day), end: new Date(Math.ceil(window.end.getTime() / day) * day + day) };
}

/** What the status says Outlook held, for a run in which Graph reported no change. */
export function outlookItemsFromStatus(status: Map<string, SyncItemStatus>): Map<string, OutlookItem> {
  const items = new Map<string, OutlookItem>();
  for (const known of status.values()) {
    if (!known.graph) continue;
    items.set(known.uid, { uid: known.uid, id: known.graph.id, version: known.graph.version, changeKey: known.graph.version.split('|')[0] || undefined, hash: known.graph.hash });
  }
  return items;
}

export class OutlookCalendar {
  constructor(private readonly deps: { gateway: CalendarEventsGateway }) {}

  /** What changed in the window since `deltaLink` (a fresh round without one, or when Graph forgot it). */
  async changes(caller: Caller, calendar: CalendarRef, window: { start: Date; end: Date }, deltaLink?: string): Promise<EventChanges> {
    return this.deps.gateway.readEventChanges(caller, { calendar, window, deltaLink });
  }

  /** Every event of the calendar by UID: single events and series with their exceptions in the window. */
  async read(caller: Caller, calendar: CalendarRef, window: { start: Date; end: Date }): Promise<Map<string, ListedOutlookItem>> {
    const { events, instances } = await this.deps.gateway.listEventsWithContent(caller, { calendar, window, read: [uidProperty] });
    const masters = events.filter((event) => event.recurrence);
    const bySeries = new Map<string, EventRecord[]>();
    for (const instance of instances) {
      if (!instance.seriesMasterId) continue;
      bySeries.set(instance.seriesMasterId, [...(bySeries.get(instance.seriesMasterId) ?? []), instance]);
    }
    const expected = await this.expectedStarts(masters, window);
    const items = new Map<string, ListedOutlookItem>();
    for (const event of events) {
      const zone = zoneOf(event);
      const content = contentOf(event, zone);
      // Events outside the window stay listed: a known one that merely got old is not a deletion.
      const uid = Object.entries(event.properties).find(([id]) => id.toLowerCase() === uidProperty.toLowerCase())?.[1] ?? event.iCalUId ?? event.id;
      const seriesInstances = bySeries.get(event.id) ?? [];
      const exceptions: MappedException[] = [];
      const present = new Set<string>();
      for (const instance of seriesInstances) {
        const originalStart = instance.originalStart ? new Date(instance.originalStart).toISOString() : undefined;
        if (!originalStart) continue;
        present.add(originalStart);
        if (instance.type === 'exception') exceptions.push({ originalStart, cancelled: false, content: contentOf(instance, zone) });
      }
      for (const start of expected.get(event.id) ?? []) if (!present.has(start)) exceptions.push({ originalStart: start, cancelled: true });
      exceptions.sort((a, b) => a.originalStart.localeCompare(b.originalStart));
      // A series changed when its master or any of its exceptions did: "the newer change wins" looks at the latest.
      const lastModified = [event.lastModifiedDateTime, ...seriesInstances.filter((instance) => instance.type === 'exception').map((instance) => instance.lastModifiedDateTime)]
        .filter((time): time is string => !!time)
        .sort()
        .pop();
      const syncEvent: SyncEvent = { uid, content, exceptions, lastModified };
      const version = [event.changeKey ?? '', ...seriesInstances.filter((instance) => instance.type === 'exception').map((instance) => instance.changeKey ?? '').sort()].join('|');
      items.set(uid, { uid, id: event.id, version, changeKey: event.changeKey, hash: hashOf(syncEvent), event: syncEvent, instanceIds: seriesInstances.map((instance) => instance.id) });
    }
    return items;
  }

  /** The occurrence starts (UTC ISO) each series' pattern gives inside the window: those missing from calendarView were cancelled. */
  private async expectedStarts(masters: EventRecord[], window: { start: Date; end: Date }): Promise<Map<string, string[]>> {
    const requests = masters.map((master, id) => {
      const zone = zoneOf(master);
      const isDate = master.isAllDay ?? false;
      const wall = (instant: Date) => (isDate ? wallIn(instant, zone).slice(0, 10) : wallIn(instant, zone));
      return {
        id,
        rrules: [patternToRrule(master.recurrence as PatternedRecurrence).replace(/UNTIL=(\d{8})T235959/, isDate ? 'UNTIL=$1' : 'UNTIL=$1T235959')],
        start: wall(instantOfUtc(master.start)),
        isDate,
        rdates: [],
        exdates: [],
        from: wall(window.start),
        until: wall(window.end),
        maxInstances: 1000,
        maxIterations: 100_000,
      };
    });
    const results = await expandRecurrences(requests, { perSeriesMs: 1000, totalMs: 5000 });
    const expected = new Map<string, string[]>();
    masters.forEach((master, index) => {
      const zone = zoneOf(master);
      const walls = results.get(index)?.walls ?? [];
      expected.set(master.id, walls.map((wall) => (wall.length === 10 ? instantOf(`${wall}T00:00:00`, zone) : instantOf(wall, zone)).toISOString()));
    });
    return expected;
  }

  /** The create of an event without its exceptions; the same transactionId on every retry of the same content. */
  createOperation(calendar: CalendarRef, event: SyncEvent, pairId: string): EventOperation {
    return { op: 'create', calendar, event: event.content, properties: { [uidProperty]: event.uid }, transactionId: transactionOf(pairId, event.uid, hashOf(event)) };
  }

  /** Writes of several events together: `$batch`es of 20 (the gateway chains 4 in flight). */
  async writeMany(caller: Caller, operations: EventOperation[]): Promise<Awaited<ReturnType<CalendarEventsGateway['writeEvents']>>> {
    return this.deps.gateway.writeEvents(caller, operations);
  }

  /** Creates the event (and its exceptions); a retried create with the same content is not made twice. */
  async create(caller: Caller, calendar: CalendarRef, event: SyncEvent, pairId: string): Promise<string> {
    const operation = this.createOperation(calendar, event, pairId);
    const id = await this.writeOne(caller, operation);
    if (!id) throw new Error('Graph created an event without an id');
    await this.applyExceptions(caller, calendar, id, event);
    return id;
  }

  /** Rewrites the event; a series gets its exceptions again (a new pattern drops them, as in Exchange). */
  async update(caller: Caller, calendar: CalendarRef, eventId: string, event: SyncEvent, ifMatch?: string): Promise<void> {
    await this.writeOne(caller, { op: 'update', calendar, eventId, event: event.content, ifMatch });
    await this.applyExceptions(caller, calendar, eventId, event);
  }

  async delete(caller: Caller, calendar: CalendarRef, eventId: string, ifMatch?: string): Promise<void> {
    await this.writeOne(caller, { op: 'delete', calendar, eventId, ifMatch });
  }

  private async applyExceptions(caller: Caller, calendar: CalendarRef, masterId: string, event: SyncEvent): Promise<void> {
    if (!event.content.recurrence || event.exceptions.length === 0) return;
    const starts = event.exceptions.map((exception) => new Date(exception.originalStart).getTime());
    const instances = await this.deps.gateway.listInstances(caller, { calendar, eventId: masterId, start: new Date(Math.min(...starts) - 86400_000), end: new Date(Math.max(...starts) + 86400_000) });
    const byStart = new Map(instances.map((instance) => [instance.originalStart, instance]));
    const operations: EventOperation[] = [];
    for (const exception of event.exceptions) {
      const instance = byStart.get(new Date(exception.originalStart).toISOString());
      if (!instance) continue;
      // If-Match: an occurrence changed in Outlook since it was listed answers 412, and the sync decides again.
      operations.push(exception.cancelled ? { op: 'delete', calendar, eventId: instance.id, ifMatch: instance.changeKey } : { op: 'update', calendar, eventId: instance.id, event: exception.content, ifMatch: instance.changeKey });
    }
    if (operations.length === 0) return;
    const outcomes = await this.deps.gateway.writeEvents(caller, operations);
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok) throw failed.error;
  }

  private async writeOne(caller: Caller, operation: EventOperation): Promise<string | undefined> {
    const [outcome] = await this.deps.gateway.writeEvents(caller, [operation]);
    if (!outcome.ok) throw outcome.error;
    return outcome.value.id;
  }
}
