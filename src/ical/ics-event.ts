/**
 * One event as a VEVENT at a chosen level of detail. Times are written in the zone the event was
 * created in (TZID with its VTIMEZONE), UTC when that zone has no definition; all-day events as dates.
 */
import { createHash } from 'node:crypto';
import type { ExportEvent } from '../graph/calendar-gateway';
import { instantOfWallClock, resolveTimeZone, wallClockOf, type WallClock } from '../time/zoned-time';
import { ICAL } from './ical';
import { vtimezoneOf } from './time-zones';

/** How much a file shows: Outlook's availability only, limited details, full details (as sharing roles). */
export type DetailLevel = 'freeBusyRead' | 'limitedRead' | 'read';

/** What a busy block is called when its subject is not shown, per `showAs` ("Busy", "Occupé"...). */
export type BusyLabels = Record<'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown', string>;

/** Outlook's own busy status property, which Outlook and Exchange read back from .ics files. */
const cdoBusyStatus: Record<string, string> = { free: 'FREE', tentative: 'TENTATIVE', busy: 'BUSY', oof: 'OOF', workingElsewhere: 'WORKINGELSEWHERE' };

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/** An event's start or end ("2026-11-23T09:00:00.0000000" in `zone`) as an instant. */
export function instantOf(local: string, zone: string): Date {
  const match = localDateTime.exec(local);
  if (!match) throw new Error(`Not a local date-time: ${local}`);
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return instantOfWallClock({ year, month, day, hour, minute, second: second || 0 }, zone);
}

/** The wall clock of a local date-time read in `readZone`, as seen in `zone` (no conversion when they are the same). */
function wallIn(local: string, readZone: string, zone: string): WallClock {
  const match = localDateTime.exec(local);
  if (match && readZone === zone) {
    const [, year, month, day, hour, minute, second] = match.map(Number);
    return { year, month, day, hour, minute, second: second || 0 };
  }
  return wallClockOf(instantOf(local, readZone), zone);
}

/** The same UID for the same event in every file we write; occurrences share their series' UID. */
export function stableUid(event: Pick<ExportEvent, 'id' | 'seriesMasterId'>): string {
  const key = event.seriesMasterId ?? event.id;
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}@calendar-sharing-assistant`;
}

/** The zone to write an event in: where it was created when we can define that zone, else the calendar's. */
export function writingZone(event: ExportEvent, calendarZone: string): string {
  const original = resolveTimeZone(event.originalTimeZone);
  if (original && (original === 'UTC' || vtimezoneOf(original))) return original;
  return calendarZone;
}

function timeValue(wall: WallClock, zone: string): ICAL.Time {
  const time = ICAL.Time.fromData({ ...wall, isDate: false }, zone === 'UTC' ? ICAL.Timezone.utcTimezone : undefined);
  return time;
}

function dateValue(local: string): ICAL.Time {
  return ICAL.Time.fromDateString(local.slice(0, 10));
}

function addTime(vevent: ICAL.Component, name: string, value: ICAL.Time, zone: string): void {
  const property = vevent.addPropertyWithValue(name, value);
  if (!value.isDate && zone !== 'UTC') property.setParameter('tzid', zone);
}

/** Private events never show more than a busy block, whatever the level (Outlook does the same). */
export function shownLevel(event: Pick<ExportEvent, 'isPrivate'>, level: DetailLevel): DetailLevel {
  return event.isPrivate ? 'freeBusyRead' : level;
}

/** `showAs` as one of the statuses we name; anything unknown counts as busy. */
export function busyStatusOf(event: Pick<ExportEvent, 'showAs'>): keyof BusyLabels {
  return event.showAs in cdoBusyStatus ? (event.showAs as keyof BusyLabels) : 'busy';
}

/** What a reader sees of an event at a level: the subject or a busy label, and the rest when allowed. */
export function visibleDetails(event: ExportEvent, level: DetailLevel, labels: BusyLabels): { title: string; location?: string; body?: string; categories: string[] } {
  const shown = shownLevel(event, level);
  const title = shown === 'freeBusyRead' || !event.subject ? labels[busyStatusOf(event)] : event.subject;
  return {
    title,
    location: shown !== 'freeBusyRead' ? event.location : undefined,
    body: shown === 'read' ? event.body : undefined,
    categories: shown === 'read' ? event.categories : [],
  };
}

export interface VeventInput {
  event: ExportEvent;
  /** The IANA zone the event's start and end strings are in (the zone they were read in). */
  readZone: string;
  /** The IANA zone of the calendar (the owner's mailbox zone). */
  calendarZone: string;
  level: DetailLevel;
  labels: BusyLabels;
  /** DTSTAMP when the event has no last-modified time. */
  stamp: Date;
}

/** The VEVENT and the zone it uses (the file must carry that zone's VTIMEZONE). */
export function veventOf(input: VeventInput): { vevent: ICAL.Component; zone: string } {
  const { event, level, labels } = input;
  const zone = event.isAllDay ? input.calendarZone : writingZone(event, input.calendarZone);
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', stableUid(event));
  const modified = event.lastModified ? new Date(event.lastModified) : input.stamp;
  vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(modified, true));
  if (event.isAllDay) {
    addTime(vevent, 'dtstart', dateValue(event.start), zone);
    addTime(vevent, 'dtend', dateValue(event.end), zone);
  } else {
    addTime(vevent, 'dtstart', timeValue(wallIn(event.start, input.readZone, zone), zone), zone);
    addTime(vevent, 'dtend', timeValue(wallIn(event.end, input.readZone, zone), zone), zone);
  }
  if (event.seriesMasterId && event.originalStart) {
    const original = new Date(event.originalStart);
    // RECURRENCE-ID takes DTSTART's value type and zone (RFC 5545 3.8.4.4).
    const value = event.isAllDay ? dateValue(formatDate(wallClockOf(original, zone))) : timeValue(wallClockOf(original, zone), zone);
    addTime(vevent, 'recurrence-id', value, zone);
  }
  const showAs = busyStatusOf(event);
  const details = visibleDetails(event, level, labels);
  vevent.addPropertyWithValue('summary', details.title);
  if (details.location) vevent.addPropertyWithValue('location', details.location);
  if (details.body) vevent.addPropertyWithValue('description', details.body);
  if (details.categories.length > 0) vevent.addProperty(new ICAL.Property('categories')).setValues(details.categories);
  vevent.addPropertyWithValue('class', event.isPrivate ? 'PRIVATE' : 'PUBLIC');
  vevent.addPropertyWithValue('status', showAs === 'tentative' ? 'TENTATIVE' : 'CONFIRMED');
  vevent.addPropertyWithValue('transp', showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE');
  vevent.addPropertyWithValue('x-microsoft-cdo-busystatus', cdoBusyStatus[showAs]);
  if (event.lastModified) vevent.addPropertyWithValue('last-modified', ICAL.Time.fromJSDate(new Date(event.lastModified), true));
  return { vevent, zone };
}

function formatDate(wall: WallClock): string {
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
