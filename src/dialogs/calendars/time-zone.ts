/**
 * Local calendar days in the user's time zone. Outlook stores mailbox time zones under Windows names,
 * Teams sends IANA names: both become IANA here, so Intl handles daylight saving.
 */

/** The Windows names Outlook mailboxes commonly carry, mapped to IANA (CLDR windowsZones). */
const windowsZones: Record<string, string> = {
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'romance standard time': 'Europe/Paris',
  'w. europe standard time': 'Europe/Berlin',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest',
  'russian standard time': 'Europe/Moscow',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'pacific standard time': 'America/Los_Angeles',
  'atlantic standard time': 'America/Halifax',
  'canada central standard time': 'America/Regina',
  'india standard time': 'Asia/Kolkata',
  'china standard time': 'Asia/Shanghai',
  'tokyo standard time': 'Asia/Tokyo',
  'singapore standard time': 'Asia/Singapore',
  'aus eastern standard time': 'Australia/Sydney',
  'morocco standard time': 'Africa/Casablanca',
  'south africa standard time': 'Africa/Johannesburg',
  'arabian standard time': 'Asia/Dubai',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

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

/** An IANA zone for an IANA or known Windows name; undefined when unknown. */
export function resolveTimeZone(name: string | undefined): string | undefined {
  const text = name?.trim();
  if (!text) return undefined;
  const windows = windowsZones[text.toLowerCase()];
  if (windows) return windows;
  try {
    partsFormatter(text);
    return text;
  } catch {
    return undefined;
  }
}

/** The first zone of the list that resolves, else UTC: the mailbox's, then the Teams client's. */
export function pickTimeZone(...candidates: Array<string | undefined>): string {
  for (const candidate of candidates) {
    const zone = resolveTimeZone(candidate);
    if (zone) return zone;
  }
  return 'UTC';
}

/** A calendar day, "YYYY-MM-DD". */
export type LocalDate = string;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(instant: Date, zone: string): WallClock {
  const parts = partsFormatter(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The day an instant falls on in a zone. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const wall = wallClockOf(instant, zone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The wall-clock "YYYY-MM-DDTHH:mm" of an instant in a zone. */
export function localDateTimeOf(instant: Date, zone: string): string {
  const wall = wallClockOf(instant, zone);
  return `${localDateOf(instant, zone)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

function offsetMs(instantMs: number, zone: string): number {
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  const wall = wallClockOf(new Date(whole), zone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - whole;
}

const wallClockPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** The instant a wall-clock time ("YYYY-MM-DD" or "YYYY-MM-DDTHH:mm[:ss...]") names in a zone. */
export function instantOf(wallClock: string, zone: string): Date {
  const match = wallClockPattern.exec(wallClock);
  if (!match) throw new RangeError(`Not a local date-time: ${wallClock}`);
  const [, y, mo, d, h, mi, s] = match;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = naive - offsetMs(naive, zone);
  return new Date(naive - offsetMs(first, zone));
}

/** Whether the text is a real calendar day ("2026-02-30" is not). */
export function isLocalDate(text: string): text is LocalDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The day `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const base = new Date(`${date}T00:00:00Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday (ISO weeks, as Outlook shows them in France and most of Europe). */
export function isoWeekday(date: LocalDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}
