/** Local calendar days in the user's time zone; the zone conversions themselves are in src/time. */
import { instantOfWallClock, resolveTimeZone, wallClockOf } from '../../time/zoned-time';

export { resolveTimeZone };

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

const wallClockPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** The instant a wall-clock time ("YYYY-MM-DD" or "YYYY-MM-DDTHH:mm[:ss...]") names in a zone. */
export function instantOf(wallClock: string, zone: string): Date {
  const match = wallClockPattern.exec(wallClock);
  if (!match) throw new RangeError(`Not a local date-time: ${wallClock}`);
  const [, y, mo, d, h, mi, s] = match;
  return instantOfWallClock({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) }, zone);
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
