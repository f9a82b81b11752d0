/**
 * Graph's {dateTime, timeZone} pairs: local wall-clock times without offset, in an IANA or Windows
 * time zone. Conversions go through Intl so daylight saving time is right.
 */

/** The Windows names Graph clients commonly send, mapped to IANA. */
const windowsZones: Record<string, string> = {
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'romance standard time': 'Europe/Paris',
  'w. europe standard time': 'Europe/Berlin',
  'gmt standard time': 'Europe/London',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'pacific standard time': 'America/Los_Angeles',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
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
      weekday: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The IANA zone for an IANA, "UTC" or known Windows name; undefined when unknown. */
export function resolveTimeZone(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const windows = windowsZones[name.trim().toLowerCase()];
  if (windows) return windows;
  try {
    formatterFor(name.trim());
    return name.trim();
  } catch {
    return undefined;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(instant: Date, zone: string): LocalParts {
  const parts = formatterFor(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((part) => part.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: weekdays.indexOf(get('weekday')),
  };
}

function offsetMs(instantMs: number, zone: string): number {
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  const p = localParts(new Date(whole), zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
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
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (Number.isNaN(naive)) return undefined;
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = naive - offsetMs(naive, zone);
  return new Date(naive - offsetMs(first, zone));
}

/** A Graph dateTimeTimeZone object for an instant, in the zone the caller asked for. */
export function toDateTimeTimeZone(instant: Date, zone: string): { dateTime: string; timeZone: string } {
  return { dateTime: formatInZone(instant, zone), timeZone: zone };
}

/** The `outlook.timezone` preference of a Prefer header, resolved; UTC when absent or unknown. */
export function preferredTimeZone(prefer: string | undefined): string {
  const match = /outlook\.timezone\s*=\s*"?([^",]+)"?/i.exec(prefer ?? '');
  return resolveTimeZone(match?.[1]) ?? 'UTC';
}
