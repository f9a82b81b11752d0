import { ICAL } from '../ical/ical';
import { patternToRrule, type PatternedRecurrence } from '../ical/patterned-recurrence';
import { instantOfWallClock, resolveTimeZone, wallClockOf } from '../time/zoned-time';
import { exchangeId, type EmulatorState, type StoredEvent } from './state';

/** Graph's event types: a plain event, a series master, one of its occurrences, or an occurrence changed on its own. */
export type EventType = 'singleInstance' | 'seriesMaster' | 'occurrence' | 'exception';

export interface EventInView {
  event: StoredEvent;
  type: EventType;
}

/** Exchange expands at most this many occurrences of one series in one view, so a bad pattern cannot spin. */
const maxIterations = 5000;

export function typeOf(event: StoredEvent): EventType {
  if (event.recurrence) return 'seriesMaster';
  return event.seriesMasterId ? 'exception' : 'singleInstance';
}

export function occurrenceId(masterId: string, originalStart: string): string {
  return exchangeId('occurrence', `${masterId}|${originalStart}`);
}

/** The series' zone: the recurrence's own, else the zone the event was written in. */
function seriesZone(master: StoredEvent): string {
  const recurrence = master.recurrence as PatternedRecurrence | undefined;
  return resolveTimeZone(recurrence?.range?.recurrenceTimeZone) ?? resolveTimeZone(master.originalTimeZone) ?? 'UTC';
}

/**
 * The occurrences of a series master starting before `end` and ending after `start` (original starts
 * as UTC ISO), deleted ones left out. Expanded on local wall-clock time, so a 09:00 series stays at
 * 09:00 across daylight saving changes.
 */
export function occurrencesOf(master: StoredEvent, start: Date, end: Date): Array<{ originalStart: string; start: Date; end: Date }> {
  const recurrence = master.recurrence as PatternedRecurrence | undefined;
  if (!recurrence) return [];
  const zone = seriesZone(master);
  const duration = Date.parse(master.end) - Date.parse(master.start);
  const wall = wallClockOf(new Date(master.start), zone);
  const first = ICAL.Time.fromData({ year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, isDate: false });
  const iterator = ICAL.Recur.fromString(patternToRrule(recurrence)).iterator(first);
  const deleted = new Set(master.deletedOccurrences ?? []);
  const found: Array<{ originalStart: string; start: Date; end: Date }> = [];
  for (let count = 0; count < maxIterations; count++) {
    const next = iterator.next();
    if (!next) break;
    const instant = instantOfWallClock({ year: next.year, month: next.month, day: next.day, hour: next.hour, minute: next.minute, second: next.second }, zone);
    if (instant >= end) break;
    const occurrenceEnd = new Date(instant.getTime() + duration);
    const originalStart = instant.toISOString();
    if (occurrenceEnd > start && !deleted.has(originalStart)) found.push({ originalStart, start: instant, end: occurrenceEnd });
  }
  return found;
}

/** An occurrence as a stored-event view: the master's content at the occurrence's time. */
function occurrenceEvent(master: StoredEvent, occurrence: { originalStart: string; start: Date; end: Date }): StoredEvent {
  return {
    ...master,
    id: occurrenceId(master.id, occurrence.originalStart),
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    recurrence: null,
    seriesMasterId: master.id,
    originalStart: occurrence.originalStart,
    deletedOccurrences: undefined,
  };
}

/** What calendarView shows of a calendar in a window: single events, occurrences and exceptions (never masters). */
export function eventsInWindow(state: EmulatorState, calendarId: string, start: Date, end: Date): EventInView[] {
  const inCalendar = state.events.filter((event) => event.calendarId === calendarId);
  const overlaps = (event: StoredEvent) => new Date(event.start) < end && new Date(event.end) > start;
  const result: EventInView[] = [];
  for (const event of inCalendar) {
    const type = typeOf(event);
    if (type === 'seriesMaster') {
      const exceptions = new Set(inCalendar.filter((other) => other.seriesMasterId === event.id).map((other) => other.originalStart));
      for (const occurrence of occurrencesOf(event, start, end)) {
        if (!exceptions.has(occurrence.originalStart)) result.push({ event: occurrenceEvent(event, occurrence), type: 'occurrence' });
      }
    } else if (overlaps(event)) {
      result.push({ event, type });
    }
  }
  return result;
}

/** The instances of one series in a window (GET /events/{id}/instances): occurrences and exceptions. */
export function instancesOf(state: EmulatorState, master: StoredEvent, start: Date, end: Date): EventInView[] {
  return eventsInWindow(state, master.calendarId, start, end).filter((view) => view.event.seriesMasterId === master.id);
}

/**
 * Finds an event by id, an occurrence id included (materialised from its master), in the given calendars.
 * Exchange gives occurrences ids of their own that can be read, changed and deleted.
 */
export function findEventOrOccurrence(state: EmulatorState, id: string, calendarIds: string[]): EventInView | undefined {
  const stored = state.events.find((event) => event.id === id && calendarIds.includes(event.calendarId));
  if (stored) return { event: stored, type: typeOf(stored) };
  const decoded = id.startsWith('AAMkA') ? Buffer.from(id.slice(5), 'base64url').toString('utf8') : '';
  const match = /^occurrence:(.+)\|([^|]+)$/.exec(decoded);
  if (!match) return undefined;
  const [, masterId, originalStart] = match;
  const master = state.events.find((event) => event.id === masterId && event.recurrence && calendarIds.includes(event.calendarId));
  const at = new Date(originalStart);
  if (!master || Number.isNaN(at.getTime())) return undefined;
  const occurrence = occurrencesOf(master, new Date(at.getTime() - 1), new Date(at.getTime() + 1)).find((candidate) => candidate.originalStart === originalStart);
  return occurrence ? { event: occurrenceEvent(master, occurrence), type: 'occurrence' } : undefined;
}
