import { instantOfWallClock, wallClockOf } from '../time/zoned-time';

/** The periods the snapshot card offers, as Outlook's "Send calendar by email" does. */
export const snapshotRanges = ['today', 'tomorrow', 'next7', 'next30', 'dates'] as const;
export type SnapshotRange = (typeof snapshotRanges)[number];

/** The longest period one snapshot may cover (dates picked by hand). */
export const maxRangeDays = 92;

export interface RangeWindow {
  /** First and last day, "YYYY-MM-DD", in the owner's zone. */
  firstDay: string;
  lastDay: string;
  /** Midnight of the first day to midnight after the last one, in the owner's zone. */
  start: Date;
  end: Date;
}

export type RangeProblem = 'invalidDates' | 'endBeforeStart' | 'tooLong';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

function midnight(day: string, zone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return instantOfWallClock({ year, month, day: date, hour: 0, minute: 0, second: 0 }, zone);
}

/** Today's date in a zone, "YYYY-MM-DD". */
export function todayIn(zone: string, now: Date): string {
  const wall = wallClockOf(now, zone);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** Number of days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The days a range covers, in the owner's zone; for `dates`, the picked days (both included). */
export function rangeWindow(range: SnapshotRange, zone: string, now: Date, dates: { from?: string; to?: string } = {}): RangeWindow | RangeProblem {
  const today = todayIn(zone, now);
  let firstDay = today;
  let lastDay = today;
  switch (range) {
    case 'tomorrow':
      firstDay = lastDay = addDays(today, 1);
      break;
    case 'next7':
      lastDay = addDays(today, 6);
      break;
    case 'next30':
      lastDay = addDays(today, 29);
      break;
    case 'dates': {
      if (!dates.from || !dates.to || !isoDay.test(dates.from) || !isoDay.test(dates.to) || Number.isNaN(Date.parse(dates.from)) || Number.isNaN(Date.parse(dates.to))) return 'invalidDates';
      if (dates.to < dates.from) return 'endBeforeStart';
      if (daysBetween(dates.from, dates.to) > maxRangeDays) return 'tooLong';
      firstDay = dates.from;
      lastDay = dates.to;
      break;
    }
    case 'today':
      break;
  }
  return { firstDay, lastDay, start: midnight(firstDay, zone), end: midnight(addDays(lastDay, 1), zone) };
}

/** Every day of a window, "YYYY-MM-DD". */
export function daysOf(window: Pick<RangeWindow, 'firstDay' | 'lastDay'>): string[] {
  const days: string[] = [];
  for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A range named in plain words ("next 7 days", "demain", "30 prochains jours"), if any. */
export function rangeInWords(foldedText: string): SnapshotRange | undefined {
  if (/\b(tomorrow|demain)\b/.test(foldedText)) return 'tomorrow';
  if (/\b(today|aujourd'hui|aujourd hui)\b/.test(foldedText)) return 'today';
  if (/\b(30|trente)\b|\b(month|mois)\b/.test(foldedText)) return 'next30';
  if (/\b(7|sept|seven)\b|\b(week|semaine)\b/.test(foldedText)) return 'next7';
  return undefined;
}
