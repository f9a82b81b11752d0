import { instantOfWallClock } from '../time/zoned-time';
import { ICAL } from './ical';
import { resolveTimeZone } from './time-zones';

/** A jCal property: name, parameters, value type, values (RFC 7265). */
export type JcalProperty = [string, Record<string, unknown>, string, ...unknown[]];

/**
 * A time read from a feed. `wall` is what the feed wrote (`2026-12-01T09:00:00`, or `2026-12-01` for a
 * date) in `zone`, an IANA zone or UTC; `instant` is the moment it names (midnight for a date).
 */
export interface IcsTime {
  wall: string;
  zone: string;
  isDate: boolean;
  floating: boolean;
  instant: Date;
}

function wallParts(wall: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const [date, time = '00:00:00'] = wall.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  return { year, month, day, hour, minute, second };
}

const wallPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;
/** Offsets by zone and wall-clock hour: feeds repeat the same few hours, and Intl is slow. */
const offsets = new Map<string, number>();

/** Instants by zone and exact wall time: feeds repeat the same times, so most reads skip parsing entirely. */
const instants = new Map<string, Map<string, number>>();

export function instantOf(wall: string, zone: string): Date {
  let known = instants.get(zone);
  if (!known) instants.set(zone, (known = new Map<string, number>()));
  const hit = known.get(wall);
  if (hit !== undefined) return new Date(hit);
  const instant = computeInstant(wall, zone);
  if (known.size > 100_000) known.clear();
  known.set(wall, instant);
  return new Date(instant);
}

function computeInstant(wall: string, zone: string): number {
  if ((wall.length !== 10 && wall.length !== 19) || !wallPattern.test(wall)) throw new RangeError(`Not a date or date-time: ${wall}`);
  const naive = Date.parse(`${wall.length === 10 ? `${wall}T00:00:00` : wall}Z`);
  if (Number.isNaN(naive)) throw new RangeError(`Not a date or date-time: ${wall}`);
  if (zone === 'UTC') return naive;
  const key = `${zone}|${wall.slice(0, 13)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const hour = `${wall.slice(0, 10)}T${wall.length === 10 ? '00' : wall.slice(11, 13)}:00:00`;
    offset = Date.parse(`${hour}Z`) - instantOfWallClock(wallParts(hour), zone).getTime();
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return naive - offset;
}

/**
 * The zones of one feed: a TZID is an IANA or Windows name (what Outlook and Exchange write), a
 * prefixed IANA name (`/mozilla.org/…/Europe/Paris`), the X-LIC-LOCATION of the feed's VTIMEZONE,
 * or, failing all, the feed's own VTIMEZONE rules (times then computed to UTC). A TZID none of these
 * explain is read as floating time, and reported.
 */
export class FeedZones {
  private readonly known = new Map<string, { iana: string } | { custom: ICAL.Timezone } | undefined>();
  readonly seen = new Set<string>();
  readonly unknown = new Set<string>();

  constructor(
    private readonly definitions: Map<string, ICAL.Component>,
    /** Where floating times and all-day dates are placed: the target calendar's zone. */
    readonly floatingZone: string,
  ) {}

  private lookup(tzid: string): { iana: string } | { custom: ICAL.Timezone } | undefined {
    if (this.known.has(tzid)) return this.known.get(tzid);
    const definition = this.definitions.get(tzid);
    const location = definition?.getFirstPropertyValue('x-lic-location');
    const candidates = [tzid, tzid.replace(/^"|"$/g, ''), tzid.split('/').slice(-2).join('/'), typeof location === 'string' ? location : ''];
    const iana = candidates.map((candidate) => resolveTimeZone(candidate)).find((zone) => zone !== undefined);
    let found: { iana: string } | { custom: ICAL.Timezone } | undefined = iana ? { iana } : undefined;
    if (!found && definition) found = { custom: new ICAL.Timezone({ component: definition, tzid }) };
    this.known.set(tzid, found);
    return found;
  }

  /** One jCal value of a DTSTART, DTEND, EXDATE, RDATE or RECURRENCE-ID property (`date` or `date-time`). */
  timeOfValue(text: string, isDate: boolean, tzid: string | undefined): IcsTime {
    if (isDate) return { wall: text, zone: this.floatingZone, isDate: true, floating: true, instant: instantOf(text, this.floatingZone) };
    if (text.endsWith('Z')) {
      const wall = text.slice(0, -1);
      this.seen.add('UTC');
      return { wall, zone: 'UTC', isDate: false, floating: false, instant: instantOf(wall, 'UTC') };
    }
    const zone = tzid ? this.lookup(tzid) : undefined;
    if (zone && 'iana' in zone) {
      this.seen.add(zone.iana);
      return { wall: text, zone: zone.iana, isDate: false, floating: false, instant: instantOf(text, zone.iana) };
    }
    if (zone) return this.timeOf(ICAL.Time.fromDateTimeString(text), tzid);
    if (tzid) this.unknown.add(tzid);
    return { wall: text, zone: this.floatingZone, isDate: false, floating: true, instant: instantOf(text, this.floatingZone) };
  }

  /** One value of a DTSTART, DTEND, EXDATE, RDATE or RECURRENCE-ID property. */
  timeOf(value: ICAL.Time, tzid: string | undefined): IcsTime {
    const text = value.toString();
    if (value.isDate) return { wall: text, zone: this.floatingZone, isDate: true, floating: true, instant: instantOf(text, this.floatingZone) };
    if (text.endsWith('Z') || value.zone === ICAL.Timezone.utcTimezone) {
      const wall = text.replace(/Z$/, '');
      this.seen.add('UTC');
      return { wall, zone: 'UTC', isDate: false, floating: false, instant: instantOf(wall, 'UTC') };
    }
    const zone = tzid ? this.lookup(tzid) : undefined;
    if (zone && 'iana' in zone) {
      this.seen.add(zone.iana);
      return { wall: text, zone: zone.iana, isDate: false, floating: false, instant: instantOf(text, zone.iana) };
    }
    if (zone) {
      const local = value.clone();
      local.zone = zone.custom;
      const instant = new Date(local.toUnixTime() * 1000);
      this.seen.add(tzid ?? 'UTC');
      return { wall: instant.toISOString().slice(0, 19), zone: 'UTC', isDate: false, floating: false, instant };
    }
    if (tzid) this.unknown.add(tzid);
    return { wall: text, zone: this.floatingZone, isDate: false, floating: true, instant: instantOf(text, this.floatingZone) };
  }

  /** Every value of a jCal property (EXDATE and RDATE may carry several); PERIOD values count by their start. */
  timesOfJcal(property: JcalProperty): IcsTime[] {
    const tzid = typeof property[1].tzid === 'string' ? property[1].tzid : undefined;
    const type = property[2];
    if (type !== 'date' && type !== 'date-time' && type !== 'period') return [];
    return property.slice(3).map((value) => {
      const text = Array.isArray(value) ? String(value[0]) : String(value);
      return this.timeOfValue(text, type === 'date', tzid);
    });
  }
}

/** A wall-clock time moved by a duration, on the wall clock (an hour-long event stays an hour across DST). */
export function addToWall(time: IcsTime, duration: ICAL.Duration): IcsTime {
  const value = time.isDate ? ICAL.Time.fromDateString(time.wall) : ICAL.Time.fromDateTimeString(time.wall);
  value.addDuration(duration);
  const wall = value.toString();
  return { ...time, wall, instant: instantOf(wall, time.zone) };
}
