/**
 * iCalendar files the product writes (snapshots by mail, published feeds), built with ical.js to
 * RFC 5545: METHOD:PUBLISH, PRODID, VERSION, X-WR-CALNAME, one VTIMEZONE per zone used, stable UIDs,
 * DTSTAMP, CRLF line ends, lines folded at 75 octets, text escaped.
 */
import type { ExportEvent } from '../graph/calendar-gateway';
import { resolveTimeZone } from '../time/zoned-time';
import { ICAL } from './ical';
import { veventOf, type BusyLabels, type DetailLevel } from './ics-event';
import { vtimezoneOf } from './time-zones';

export type { BusyLabels, DetailLevel } from './ics-event';

/**
 * X-WR-CALNAME and X-WR-CALDESC are TEXT in every client that reads them (Apple, Google, Outlook); ical.js
 * treats unknown X- properties as raw, so it would neither escape nor unescape them without this.
 */
const icalendarProperties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
for (const name of ['x-wr-calname', 'x-wr-caldesc']) {
  icalendarProperties[name] ??= { defaultType: 'text' };
}

export const productId = '-//Calendar Sharing Assistant//Calendar export 1.0//EN';

export interface CalendarFileInput {
  /** X-WR-CALNAME: the name a client gives the calendar it opens. */
  name: string;
  /** The owner's mailbox zone (IANA or a Windows name such as "Romance Standard Time"). */
  calendarZone: string;
  /** The zone the events' local start and end strings are in (default: the calendar's). */
  readZone?: string;
  level: DetailLevel;
  events: ExportEvent[];
  labels: BusyLabels;
  /** The time the file is made: DTSTAMP of events that carry no last-modified time. */
  now: Date;
  /** For feeds: how often a subscriber should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshMinutes?: number;
}

/** The calendar as a VCALENDAR component (tests and benchmarks stringify it themselves). */
export function calendarComponent(input: CalendarFileInput): ICAL.Component {
  const calendarZone = resolveTimeZone(input.calendarZone) ?? 'UTC';
  const readZone = resolveTimeZone(input.readZone) ?? calendarZone;
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('prodid', productId);
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('calscale', 'GREGORIAN');
  vcalendar.addPropertyWithValue('method', 'PUBLISH');
  vcalendar.addPropertyWithValue('x-wr-calname', input.name);
  vcalendar.addPropertyWithValue('x-wr-timezone', calendarZone);
  if (input.refreshMinutes) {
    const duration = ICAL.Duration.fromSeconds(input.refreshMinutes * 60);
    // ical.js writes VALUE=DURATION itself, as RFC 7986 wants for REFRESH-INTERVAL.
    vcalendar.addPropertyWithValue('refresh-interval', duration);
    vcalendar.addPropertyWithValue('x-published-ttl', duration.toString());
  }
  const zones = new Set<string>();
  const vevents = input.events.map((event) => {
    const { vevent, zone } = veventOf({ event, readZone, calendarZone, level: input.level, labels: input.labels, stamp: input.now });
    zones.add(zone);
    return vevent;
  });
  for (const zone of [...zones].sort()) {
    const vtimezone = zone === 'UTC' ? undefined : vtimezoneOf(zone);
    // A copy: the cached definition must not move from one file to the next.
    if (vtimezone) vcalendar.addSubcomponent(new ICAL.Component(structuredClone(vtimezone.toJSON()) as unknown[]));
  }
  for (const vevent of vevents) vcalendar.addSubcomponent(vevent);
  return vcalendar;
}

/**
 * RFC 5545 text of a component. ical.js folds so that a continuation line, with its leading space,
 * can reach 76 octets; one octet less keeps every line within the 75 the RFC allows.
 */
export function stringifyCalendar(vcalendar: ICAL.Component): string {
  const foldLength = ICAL.foldLength;
  ICAL.foldLength = 74;
  try {
    return `${vcalendar.toString()}\r\n`;
  } finally {
    ICAL.foldLength = foldLength;
  }
}

/** The .ics text of a calendar at a level of detail. */
export function writeCalendar(input: CalendarFileInput): string {
  return stringifyCalendar(calendarComponent(input));
}
