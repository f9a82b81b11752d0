/**
 * Reads an iCalendar feed into plain events, with ical.js. The file is cut into its VTIMEZONE and VEVENT
 * blocks first and parsed block by block, yielding to the event loop between slices, so a large feed
 * never stalls the bot; any block ical.js cannot parse makes the whole file malformed (a truncated
 * download must never look like deleted events).
 */
import { ICAL } from './ical';
import { addToWall, FeedZones, type IcsTime, type JcalProperty } from './ics-zones';

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
  /** [start, end) offsets of each VEVENT in the text: sliced, never copied line by line. */
  events: Array<[number, number]>;
}

const boundary = /^(BEGIN|END):(VEVENT|VTIMEZONE)[ \t]*\r?$/gim;

/** Finds the top-level VEVENT and VTIMEZONE blocks (folded lines start with a space, so never match). */
function splitBlocks(text: string): Blocks {
  const blocks: Blocks = { header: [], zones: [], events: [] };
  let open: { kind: string; start: number } | undefined;
  let headerEnd = -1;
  boundary.lastIndex = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const kind = match[2].toUpperCase();
    if (match[1].toUpperCase() === 'BEGIN') {
      if (open) throw new IcsError('malformed', 'A calendar component is not closed.');
      open = { kind, start: match.index };
      if (headerEnd < 0) headerEnd = match.index;
    } else if (open && open.kind === kind) {
      const end = match.index + match[0].length;
      if (kind === 'VEVENT') blocks.events.push([open.start, end]);
      else blocks.zones.push(text.slice(open.start, end));
      open = undefined;
    }
  }
  const lastEnd = blocks.events.length ? blocks.events[blocks.events.length - 1][1] : 0;
  if (open || !/^END:VCALENDAR[ \t]*\r?$/im.test(text.slice(lastEnd))) throw new IcsError('malformed', 'The calendar ends before its END lines: it is cut short.');
  blocks.header = text.slice(0, headerEnd < 0 ? text.length : headerEnd).split(/\r?\n/);
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

type JcalComponent = [string, JcalProperty[], unknown[]];

function firstOf(properties: JcalProperty[], name: string): JcalProperty | undefined {
  for (const property of properties) if (property[0] === name) return property;
  return undefined;
}

function textOf(properties: JcalProperty[], name: string): string {
  const value = firstOf(properties, name)?.[3];
  return typeof value === 'string' ? value : '';
}

function upperOf(properties: JcalProperty[], name: string): string | undefined {
  return textOf(properties, name).toUpperCase() || undefined;
}

function timeOf(zones: FeedZones, property: JcalProperty | undefined): IcsTime | undefined {
  if (!property || (property[2] !== 'date' && property[2] !== 'date-time')) return undefined;
  const tzid = typeof property[1].tzid === 'string' ? property[1].tzid : undefined;
  return zones.timeOfValue(String(property[3]), property[2] === 'date', tzid);
}

const noTimes: IcsTime[] = [];

/** Reads a VEVENT straight from its jCal form: no ical.js objects except for RRULE and DURATION. */
function readEvent(component: JcalComponent, zones: FeedZones): IcsEvent | undefined {
  const properties = component[1];
  const start = timeOf(zones, firstOf(properties, 'dtstart'));
  if (!start) return undefined;
  let end = timeOf(zones, firstOf(properties, 'dtend'));
  const duration = firstOf(properties, 'duration')?.[3];
  if (!end && typeof duration === 'string') end = addToWall(start, ICAL.Duration.fromString(duration));
  if (!end) end = start.isDate ? addToWall(start, ICAL.Duration.fromSeconds(86400)) : start;
  const rrules: ICAL.Recur[] = [];
  const categories: string[] = [];
  let exdates = noTimes;
  let rdates = noTimes;
  for (const property of properties) {
    const name = property[0];
    if (name === 'rrule') {
      const value = new ICAL.Property(property as unknown as unknown[]).getFirstValue();
      if (value instanceof ICAL.Recur) rrules.push(value);
    } else if (name === 'categories') categories.push(...property.slice(3).map(String));
    else if (name === 'exdate') exdates = [...exdates, ...zones.timesOfJcal(property)];
    else if (name === 'rdate') rdates = [...rdates, ...zones.timesOfJcal(property)];
  }
  return {
    uid: textOf(properties, 'uid'),
    recurrenceId: timeOf(zones, firstOf(properties, 'recurrence-id')),
    summary: textOf(properties, 'summary'),
    description: textOf(properties, 'description'),
    location: textOf(properties, 'location'),
    categories,
    start,
    end,
    status: upperOf(properties, 'status'),
    transp: upperOf(properties, 'transp'),
    klass: upperOf(properties, 'class'),
    busyStatus: upperOf(properties, 'x-microsoft-cdo-busystatus'),
    rrules,
    exdates,
    rdates,
  };
}

/**
 * VEVENT blocks parsed together (one slice of the text), so ical.js's per-call cost is paid once per
 * chunk; a chunk that fails is parsed block by block to find the broken event.
 */
function parseChunk(text: string, ranges: Array<[number, number]>): Array<JcalComponent | undefined> {
  try {
    const calendar = ICAL.parse(`BEGIN:VCALENDAR\r\n${text.slice(ranges[0][0], ranges[ranges.length - 1][1])}\r\nEND:VCALENDAR`) as unknown as [string, unknown[], JcalComponent[]];
    const events = calendar[2].filter((component) => component[0] === 'vevent');
    if (events.length === ranges.length) return events;
  } catch {
    // one of them is broken: find which below
  }
  return ranges.map(([start, end]) => {
    const block = text.slice(start, end);
    try {
      return ICAL.parse(block) as unknown as JcalComponent;
    } catch {
      return undefined;
    }
  });
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
  const sliceSize = options.sliceSize ?? 125;
  const yieldNow = options.yieldNow ?? defaultYield;
  const events: IcsEvent[] = [];
  const unreadable = { count: 0, uids: [] as string[] };
  for (let start = 0; start < blocks.events.length; start += sliceSize) {
    if (start > 0) await yieldNow();
    const slice = blocks.events.slice(start, start + sliceSize);
    parseChunk(body, slice).forEach((component, index) => {
      try {
        if (!component) throw new IcsError('malformed', 'unreadable event');
        const event = readEvent(component, zones);
        if (event) events.push(event);
      } catch {
        // One unreadable event (a bad date, a rule ical.js refuses) must not hide the others.
        unreadable.count += 1;
        const uid = /^UID:(.+)$/im.exec(body.slice(slice[index][0], slice[index][1]))?.[1]?.trim();
        if (uid) unreadable.uids.push(uid);
      }
    });
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
