/**
 * The one shape both sides are compared in: an event (or a series with its exceptions) in Graph's terms,
 * keyed by its iCalendar UID. Hashes cover what the sync carries over and nothing else, so the noise
 * servers add (DTSTAMP, LAST-MODIFIED, PRODID, SEQUENCE, VTIMEZONE, re-serialised text, HTML bodies)
 * never looks like a change.
 */
import { createHash } from 'node:crypto';
import type { EventContent } from '../graph/event-gateway';
import type { MappedException } from '../ical/graph-event-mapping';
import { instantOf } from '../ical/ics-zones';
import { resolveTimeZone } from '../ical/time-zones';

export interface SyncEvent {
  uid: string;
  /** A single event, or a series master when `content.recurrence` is set. Times in an IANA zone. */
  content: EventContent;
  exceptions: MappedException[];
  /** When the side last changed it (UTC ISO), for "the newer change wins". */
  lastModified?: string;
}

const clean = (text: string): string => text.replace(/\r\n?/g, '\n').trim();

function timeKey(time: { dateTime: string; timeZone: string }, isAllDay: boolean): string {
  if (isAllDay) return time.dateTime.slice(0, 10);
  const zone = resolveTimeZone(time.timeZone) ?? 'UTC';
  return instantOf(time.dateTime.slice(0, 19), zone).toISOString();
}

function contentKey(content: EventContent): unknown {
  const recurrence = content.recurrence;
  return {
    subject: clean(content.subject),
    body: clean(content.body),
    location: clean(content.location),
    categories: [...content.categories].sort(),
    isAllDay: content.isAllDay,
    showAs: content.showAs,
    sensitivity: content.sensitivity,
    start: timeKey(content.start, content.isAllDay),
    end: timeKey(content.end, content.isAllDay),
    recurrence: recurrence && {
      type: recurrence.pattern.type,
      interval: recurrence.pattern.interval,
      daysOfWeek: [...(recurrence.pattern.daysOfWeek ?? [])].sort(),
      dayOfMonth: recurrence.pattern.dayOfMonth || undefined,
      month: recurrence.pattern.month || undefined,
      index: recurrence.pattern.type.startsWith('relative') ? recurrence.pattern.index : undefined,
      range: recurrence.range.type,
      endDate: recurrence.range.type === 'endDate' ? recurrence.range.endDate : undefined,
      count: recurrence.range.type === 'numbered' ? recurrence.range.numberOfOccurrences : undefined,
    },
  };
}

/** The hash of what the sync carries: equal on both sides when they say the same thing. */
export function hashOf(event: SyncEvent): string {
  const exceptions = [...event.exceptions]
    .sort((a, b) => a.originalStart.localeCompare(b.originalStart))
    .map((exception) => (exception.cancelled ? [exception.originalStart, 'cancelled'] : [exception.originalStart, contentKey(exception.content)]));
  return createHash('sha256').update(JSON.stringify([contentKey(event.content), exceptions])).digest('base64url').slice(0, 32);
}
