/**
 * Wall-clock time in a time zone, for the bot and for the Graph emulator alike. Outlook stores
 * mailbox time zones under Windows names, Teams and Graph clients send IANA names: both become IANA
 * here, and conversions go through Intl so daylight saving time is right.
 */
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';

/**
 * Windows zone names ("Romance Standard Time"), lower-cased, to the IANA zone CLDR's windowsZones
 * gives for the "001" territory. Outlook mailboxes and Exchange feeds carry these names, in any case.
 * Graph also writes UTC as "Coordinated Universal Time".
 */
const windowsZones = new Map<string, string>([['coordinated universal time', 'UTC']]);
for (const entry of WINDOWS_TO_IANA_MAP) {
  if (entry.territory === '001') windowsZones.set(entry.windowsName.toLowerCase(), entry.iana[0] === 'Etc/UTC' ? 'UTC' : entry.iana[0]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building them is costly, and Intl throws here for a zone it does not know. */
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** An IANA zone for an IANA, "UTC" or known Windows name; undefined when unknown. */
export function resolveTimeZone(name: string | undefined): string | undefined {
  const text = name?.trim();
  if (!text) return undefined;
  const windows = windowsZones.get(text.toLowerCase());
  if (windows) return windows;
  try {
    partsFormatter(text);
    return text;
  } catch {
    return undefined;
  }
}

/** A time as a clock on the wall shows it, without zone or offset. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function intlWallClock(instant: Date, zone: string): WallClock {
  const parts = partsFormatter(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function intlOffsetMs(instantMs: number, zone: string): number {
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  const wall = intlWallClock(new Date(whole), zone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - whole;
}

/**
 * A zone's offset for each UTC day it keeps one offset all day long (every day but the few with a
 * daylight-saving change): exports convert thousands of times, and Intl is slow. Days with a change
 * (null) are computed exactly each time. Bounded so that it never grows without limit.
 */
const dayMs = 86_400_000;
const dailyOffsets = new Map<string, number | null>();

function offsetMs(instantMs: number, zone: string): number {
  const day = Math.floor(instantMs / dayMs);
  const key = `${zone}|${day}`;
  let offset = dailyOffsets.get(key);
  if (offset === undefined) {
    const first = intlOffsetMs(day * dayMs, zone);
    offset = first === intlOffsetMs(day * dayMs + dayMs - 1000, zone) ? first : null;
    if (dailyOffsets.size >= 100_000) dailyOffsets.clear();
    dailyOffsets.set(key, offset);
  }
  return offset ?? intlOffsetMs(instantMs, zone);
}

/** The wall-clock time of an instant in an IANA zone. */
export function wallClockOf(instant: Date, zone: string): WallClock {
  const ms = instant.getTime();
  const local = new Date(ms - (((ms % 1000) + 1000) % 1000) + offsetMs(ms, zone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds() };
}

/** The instant a wall-clock time names in an IANA zone. */
export function instantOfWallClock(wall: WallClock, zone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = naive - offsetMs(naive, zone);
  return new Date(naive - offsetMs(first, zone));
}
