/**
 * An Outlook event (or series with its exceptions) as one CalDAV object: a VCALENDAR with the master
 * VEVENT, an EXDATE per cancelled occurrence, a RECURRENCE-ID VEVENT per changed one, and the
 * VTIMEZONE of every zone used (from timezones-ical-library through src/ical/time-zones).
 */
import type { EventContent, ShowAs } from '../graph/event-gateway';
import { ICAL } from '../ical/ical';
import { instantOf } from '../ical/ics-zones';
import { patternToRrule } from '../ical/patterned-recurrence';
import { resolveTimeZone, vtimezoneOf } from '../ical/time-zones';
import { wallClockOf } from '../time/zoned-time';
import type { SyncEvent } from '../two-way-sync/sync-event';

const busy: Record<ShowAs, string> = { free: 'FREE', tentative: 'TENTATIVE', busy: 'BUSY', oof: 'OOF', workingElsewhere: 'WORKINGELSEWHERE' };

const basic = (wall: string): string => wall.replace(/[-:]/g, '').slice(0, 15);

function wallIn(instant: Date, zone: string): string {
  const wall = wallClockOf(instant, zone);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** A DTSTART-like line value: a date, a UTC time, or a wall time with its TZID. */
function setTime(vevent: ICAL.Component, name: string, time: { dateTime: string; timeZone: string }, isAllDay: boolean, zones: Set<string>): void {
  if (isAllDay) {
    vevent.addPropertyWithValue(name, ICAL.Time.fromDateString(time.dateTime.slice(0, 10)));
    return;
  }
  const zone = resolveTimeZone(time.timeZone) ?? 'UTC';
  const property = new ICAL.Property(name);
  if (zone === 'UTC' || zone === 'Etc/UTC') {
    property.setValue(ICAL.Time.fromDateTimeString(`${time.dateTime.slice(0, 19)}Z`));
  } else {
    zones.add(zone);
    property.setValue(ICAL.Time.fromDateTimeString(time.dateTime.slice(0, 19)));
    property.setParameter('tzid', zone);
  }
  vevent.addProperty(property);
}

function setOccurrenceTime(vevent: ICAL.Component, name: string, originalStart: string, master: EventContent): void {
  const instant = new Date(originalStart);
  const zone = resolveTimeZone(master.start.timeZone) ?? 'UTC';
  if (master.isAllDay) return void vevent.addPropertyWithValue(name, ICAL.Time.fromDateString(wallIn(instant, zone).slice(0, 10)));
  const property = new ICAL.Property(name);
  if (zone === 'UTC' || zone === 'Etc/UTC') {
    property.setValue(ICAL.Time.fromDateTimeString(`${instant.toISOString().slice(0, 19)}Z`));
  } else {
    property.setValue(ICAL.Time.fromDateTimeString(wallIn(instant, zone)));
    property.setParameter('tzid', zone);
  }
  vevent.addProperty(property);
}

function veventOf(uid: string, content: EventContent, zones: Set<string>, stamp: string): ICAL.Component {
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', uid);
  vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromDateTimeString(stamp));
  setTime(vevent, 'dtstart', content.start, content.isAllDay, zones);
  setTime(vevent, 'dtend', content.end, content.isAllDay, zones);
  vevent.addPropertyWithValue('summary', content.subject);
  if (content.body.trim()) vevent.addPropertyWithValue('description', content.body);
  if (content.location.trim()) vevent.addPropertyWithValue('location', content.location);
  if (content.categories.length) {
    const categories = new ICAL.Property('categories');
    categories.setValues(content.categories);
    vevent.addProperty(categories);
  }
  vevent.addPropertyWithValue('transp', content.showAs === 'free' ? 'TRANSPARENT' : 'OPAQUE');
  vevent.addPropertyWithValue('x-microsoft-cdo-busystatus', busy[content.showAs]);
  if (content.showAs === 'tentative') vevent.addPropertyWithValue('status', 'TENTATIVE');
  if (content.sensitivity === 'private' || content.sensitivity === 'personal') vevent.addPropertyWithValue('class', 'PRIVATE');
  if (content.sensitivity === 'confidential') vevent.addPropertyWithValue('class', 'CONFIDENTIAL');
  return vevent;
}

/** RFC 5545 wants UNTIL in UTC when DTSTART has a zone: the end of the last day, in the series' zone. */
function rruleOf(content: EventContent): string {
  const recurrence = content.recurrence;
  if (!recurrence) return '';
  const zone = resolveTimeZone(content.start.timeZone) ?? 'UTC';
  return patternToRrule(recurrence).replace(/UNTIL=(\d{4})(\d{2})(\d{2})T235959/, (_, year: string, month: string, day: string) => {
    if (content.isAllDay) return `UNTIL=${year}${month}${day}`;
    return `UNTIL=${basic(instantOf(`${year}-${month}-${day}T23:59:59`, zone).toISOString())}Z`;
  });
}

/** The iCalendar text of one CalDAV object for `event`. */
export function icsOf(event: SyncEvent, now: Date): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//Calendar Sharing Assistant//Two-way sync//EN');
  calendar.addPropertyWithValue('version', '2.0');
  const zones = new Set<string>();
  const stamp = `${now.toISOString().slice(0, 19)}Z`;
  const master = veventOf(event.uid, event.content, zones, stamp);
  if (event.content.recurrence) {
    master.addPropertyWithValue('rrule', ICAL.Recur.fromString(rruleOf(event.content)));
    for (const exception of event.exceptions) if (exception.cancelled) setOccurrenceTime(master, 'exdate', exception.originalStart, event.content);
  }
  const vevents = [master];
  for (const exception of event.content.recurrence ? event.exceptions : []) {
    if (exception.cancelled) continue;
    const override = veventOf(event.uid, exception.content, zones, stamp);
    setOccurrenceTime(override, 'recurrence-id', exception.originalStart, event.content);
    vevents.push(override);
  }
  for (const zone of zones) {
    const vtimezone = vtimezoneOf(zone);
    if (vtimezone) calendar.addSubcomponent(vtimezone);
  }
  for (const vevent of vevents) calendar.addSubcomponent(vevent);
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}
