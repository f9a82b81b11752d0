/**
 * Reads an iCalendar feed into plain events, with ical.js. The file is cut into its VTIMEZONE and VEVENT
 * blocks first and parsed block by block, yielding to the event loop between slices, so a large feed
 * never stalls the bot; any block ical.js cannot parse makes the whole file malformed (a truncated
 * download must never look like deleted events).
 */
import { ICAL } from './ical';
import { addToWall, FeedZones, type IcsTime } from './ics-zones';

export type { IcsTime };

export interface IcsEvent {
  uid: string;
  /** Set on an override of one occurrence of a series. */
  recurrenceId?: IcsTime;
  summary: string;
  description: string;
  location: string;
  categories: string[];
  start: IcsTime;
  end: IcsTime;
  status?: string;
  transp?: string;
  klass?: string;
  /** Outlook's own free/busy value (X-MICROSOFT-CDO-BUSYSTATUS), finer than TRANSP. */
  busyStatus?: string;
  rrules: ICAL.Recur[];
  exdates: IcsTime[];
  rdates: IcsTime[];
}

export interface IcsCalendar {
  name?: string;
  /** REFRESH-INTERVAL or X-PUBLISHED-TTL, in minutes, as the feed asks. */
  refreshMinutes?: number;
  events: IcsEvent[];
  /** IANA zones (and custom TZIDs) the events use. */
  zonesSeen: string[];
  /** TZIDs neither known nor defined in the file: their times were read as floating. */
  unknownZones: string[];
  /** VEVENTs ical.js could not read (a bad value or rule), left out; their UIDs when found, so a sync keeps what it had. */
  unreadable: { count: number; uids: string[] };
}

export type IcsProblem = 'notCalendar' | 'html' | 'malformed' | 'tooManyEvents';

export class IcsError extends Error {
  constructor(
    readonly problem: IcsProblem,
    message: string,
  ) {
    super(message);
    this.name = 'IcsError';
  }
}

export interface IcsReadOptions {
  /** The target calendar's zone: floating times and all-day dates are placed there. */
  floatingZone: string;
  /** More VEVENTs than this and the feed is refused. */
  maxEvents?: number;
  /** Blocks parsed between two yields to the event loop. */
  sliceSize?: number;
  /** How to yield (setImmediate by default). */
  yieldNow?: () => Promise<void>;
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Blocks {
  header: string[];
  zones: string[];
  events: string[];
}

/** Splits the unfolded-safe text at top-level BEGIN/END lines (folded lines start with a space, so never match). */
function splitBlocks(text: string): Blocks {
  const lines = text.split(/\r?\n/);
  const blocks: Blocks = { header: [], zones: [], events: [] };
  let current: string[] | undefined;
  let kind: 'vevent' | 'vtimezone' | undefined;
  let sawEnd = false;
  for (const line of lines) {
    if (current) {
      current.push(line);
      if (/^END:(VEVENT|VTIMEZONE)\s*$/i.test(line) && line.slice(4).trim().toLowerCase() === kind) {
        (kind === 'vevent' ? blocks.events : blocks.zones).push(current.join('\r\n'));
        current = undefined;
      }
      continue;
    }
    const begin = /^BEGIN:(VEVENT|VTIMEZONE)\s*$/i.exec(line);
    if (begin) {
      kind = begin[1].toLowerCase() as 'vevent' | 'vtimezone';
      current = [line];
    } else if (/^END:VCALENDAR\s*$/i.test(line)) {
      sawEnd = true;
    } else {
      blocks.header.push(line);
    }
  }
  if (current || !sawEnd) throw new IcsError('malformed', 'The calendar ends before its END lines: it is cut short.');
  return blocks;
}

function headerValue(header: string[], name: string): string | undefined {
  const line = header.find((candidate) => candidate.toUpperCase().startsWith(`${name}:`) || candidate.toUpperCase().startsWith(`${name};`));
  // TEXT escapes of RFC 5545 (\\, \; \, \n).
  return line?.slice(line.indexOf(':') + 1).trim().replace(/\\n/gi, ' ').replace(/\\([,;\\])/g, '$1');
}

function refreshMinutesOf(header: string[]): number | undefined {
  const value = headerValue(header, 'REFRESH-INTERVAL') ?? headerValue(header, 'X-PUBLISHED-TTL');
  if (!value) return undefined;
  try {
    return ICAL.Duration.fromString(value).toSeconds() / 60;
  } catch {
    return undefined;
  }
}

function parseBlock(block: string): ICAL.Component {
  try {
    return new ICAL.Component(ICAL.parse(block) as unknown[]);
  } catch {
    throw new IcsError('malformed', 'A part of the calendar could not be read.');
  }
}

const text = (component: ICAL.Component, name: string): string => {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : '';
};

function readEvent(component: ICAL.Component, zones: FeedZones): IcsEvent | undefined {
  const startProperty = component.getFirstProperty('dtstart');
  const startValue = startProperty?.getFirstValue();
  if (!(startValue instanceof ICAL.Time)) return undefined;
  const tzidOf = (property: ICAL.Property | null): string | undefined => {
    const tzid = property?.getParameter('tzid');
    return typeof tzid === 'string' ? tzid : undefined;
  };
  const start = zones.timeOf(startValue, tzidOf(startProperty));
  const endProperty = component.getFirstProperty('dtend');
  const endValue = endProperty?.getFirstValue();
  const duration = component.getFirstPropertyValue('duration');
  let end: IcsTime;
  if (endValue instanceof ICAL.Time) end = zones.timeOf(endValue, tzidOf(endProperty));
  else if (duration instanceof ICAL.Duration) end = addToWall(start, duration);
  else if (start.isDate) end = addToWall(start, ICAL.Duration.fromSeconds(86400));
  else end = start;
  const recurrenceProperty = component.getFirstProperty('recurrence-id');
  const recurrenceValue = recurrenceProperty?.getFirstValue();
  const categories = component.getAllProperties('categories').flatMap((property) => property.getValues().map(String));
  const upper = (name: string): string | undefined => text(component, name).toUpperCase() || undefined;
  return {
    uid: text(component, 'uid'),
    recurrenceId: recurrenceValue instanceof ICAL.Time ? zones.timeOf(recurrenceValue, tzidOf(recurrenceProperty)) : undefined,
    summary: text(component, 'summary'),
    description: text(component, 'description'),
    location: text(component, 'location'),
    categories,
    start,
    end,
    status: upper('status'),
    transp: upper('transp'),
    klass: upper('class'),
    busyStatus: upper('x-microsoft-cdo-busystatus'),
    rrules: component.getAllProperties('rrule').map((property) => property.getFirstValue()).filter((value): value is ICAL.Recur => value instanceof ICAL.Recur),
    exdates: component.getAllProperties('exdate').flatMap((property) => zones.timesOf(property)),
    rdates: component.getAllProperties('rdate').flatMap((property) => zones.timesOf(property)),
  };
}

/** Tells an HTML page (a calendar's web page pasted instead of its iCal address) from a calendar. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i.test(text.slice(0, 512));
}

/** Reads a feed. Throws an IcsError for an HTML page, a file that is no calendar, or a malformed one. */
export async function readIcs(source: string, options: IcsReadOptions): Promise<IcsCalendar> {
  const body = source.replace(/^\uFEFF/, '');
  if (looksLikeHtml(body)) throw new IcsError('html', 'This address gives a web page, not a calendar.');
  if (!/^\s*BEGIN:VCALENDAR/i.test(body)) throw new IcsError('notCalendar', 'This file is not an iCalendar file.');
  const blocks = splitBlocks(body);
  const maxEvents = options.maxEvents ?? 25_000;
  if (blocks.events.length > maxEvents) throw new IcsError('tooManyEvents', `The feed has ${blocks.events.length} events; the limit is ${maxEvents}.`);
  const definitions = new Map<string, ICAL.Component>();
  for (const block of blocks.zones) {
    const zone = parseBlock(block);
    const tzid = zone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') definitions.set(tzid, zone);
  }
  const zones = new FeedZones(definitions, options.floatingZone);
  const sliceSize = options.sliceSize ?? 500;
  const yieldNow = options.yieldNow ?? defaultYield;
  const events: IcsEvent[] = [];
  const unreadable = { count: 0, uids: [] as string[] };
  for (let index = 0; index < blocks.events.length; index++) {
    if (index > 0 && index % sliceSize === 0) await yieldNow();
    try {
      const event = readEvent(parseBlock(blocks.events[index]), zones);
      if (event) events.push(event);
    } catch {
      // One unreadable event (a bad date, a rule ical.js refuses) must not hide the others.
      unreadable.count += 1;
      const uid = /^UID:(.+)$/im.exec(blocks.events[index])?.[1]?.trim();
      if (uid) unreadable.uids.push(uid);
    }
  }
  if (blocks.events.length > 0 && events.length === 0) throw new IcsError('malformed', 'None of the events in the calendar could be read.');
  return {
    name: headerValue(blocks.header, 'X-WR-CALNAME') ?? headerValue(blocks.header, 'NAME'),
    refreshMinutes: refreshMinutesOf(blocks.header),
    events,
    zonesSeen: [...zones.seen].sort(),
    unknownZones: [...zones.unknown].sort(),
    unreadable,
  };
}
