/**
 * Graph's {dateTime, timeZone} pairs: local wall-clock times without offset, in an IANA or Windows
 * time zone. The conversions are the pure ones of src/time, shared with the bot.
 */
import { instantOfWallClock, resolveTimeZone, wallClockOf, type WallClock } from '../time/zoned-time';

export { resolveTimeZone };

export interface LocalParts extends WallClock {
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

/** The wall-clock time of an instant in a zone, with its day of the week. */
export function localParts(instant: Date, zone: string): LocalParts {
  const wall = wallClockOf(instant, zone);
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  return { ...wall, weekday: date.getUTCDay() };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Graph's wall-clock format: "2026-11-23T09:00:00.0000000". */
export function formatInZone(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.0000000`;
}

const wallClock = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * The instant a wall-clock time names in a zone. A value carrying its own offset or "Z" is taken as
 * is, as Graph does for query parameters such as startDateTime.
 */
export function parseInZone(dateTime: string, zone: string): Date | undefined {
  const text = dateTime.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.includes('T')) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? undefined : new Date(parsed);
  }
  const match = wallClock.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return instantOfWallClock({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) }, zone);
}

/**
 * A Graph dateTimeTimeZone object for an instant, in the zone the caller asked for, named as the caller named it
 * (a Windows name stays a Windows name, as in Graph's answers to `Prefer: outlook.timezone="Pacific Standard Time"`).
 */
export function toDateTimeTimeZone(instant: Date, zone: string): { dateTime: string; timeZone: string } {
  return { dateTime: formatInZone(instant, resolveTimeZone(zone) ?? 'UTC'), timeZone: zone };
}

/** Graph's `Preference-Applied` answer to an `outlook.timezone` preference it honoured. */
export function timeZoneApplied(prefer: string | undefined): Record<string, string> {
  return { 'Preference-Applied': `outlook.timezone="${preferredTimeZone(prefer)}"` };
}

/** The `outlook.timezone` preference of a Prefer header as written, when it names a known zone; UTC when absent or unknown. */
export function preferredTimeZone(prefer: string | undefined): string {
  const asked = /outlook\.timezone\s*=\s*"?([^",]+)"?/i.exec(prefer ?? '')?.[1]?.trim();
  return asked !== undefined && resolveTimeZone(asked) !== undefined ? asked : 'UTC';
}
