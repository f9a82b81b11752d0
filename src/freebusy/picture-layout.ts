import { instantOf, isoWeekday, localDateOf, type LocalDate } from '../dialogs/calendars/time-zone';
import { wallClockOf } from '../time/zoned-time';
import { stepMs, type AvailabilityGrid } from './availability-model';

/** Where things are drawn in the picture; tests use it to find the pixel of a known busy block. */
export interface PictureLayout {
  width: number;
  height: number;
  labelWidth: number;
  headerHeight: number;
  rowHeight: number;
  /** Row 0 is "everyone"; person i is row i + 1. */
  rowTop(row: number): number;
  /** The days drawn, each with its hours (local to the viewer) and where its block starts. */
  days: Array<{ day: LocalDate; x: number; width: number; from: Date; to: Date }>;
  /** The x of an instant, or undefined when it falls outside the hours drawn. */
  xOf(instant: Date): number | undefined;
  legendTop: number;
}

export const pictureWidth = 900;
const labelWidth = 180;
const headerHeight = 38;
/** Rows get thinner for big groups so the PNG stays small enough to travel inside the card. */
const rowHeightFor = (rows: number): number => (rows <= 13 ? 22 : 14);
const rowGap = 3;
const legendHeight = 30;

/**
 * The hours drawn each day: those in which anyone works (in the viewer's zone), else 08:00-18:00; weekend
 * days only when someone works then, or when the window is that one day.
 */
export function pictureLayout(input: { grid: AvailabilityGrid; days: LocalDate[]; zone: string; workingAny: boolean[] }): PictureLayout {
  const { grid, zone } = input;
  const step = stepMs(grid);
  // One cached formatter per zone (src/time): this runs for every working interval of every row.
  const hourOf = (index: number): number => wallClockOf(new Date(grid.start.getTime() + index * step), zone).hour;
  let first = 24;
  let last = 0;
  const workingDays = new Set<number>();
  input.workingAny.forEach((working, index) => {
    if (!working) return;
    const hour = hourOf(index);
    first = Math.min(first, hour);
    last = Math.max(last, hour + 1);
    workingDays.add(isoWeekday(localDateOf(new Date(grid.start.getTime() + index * step), zone)));
  });
  if (first >= last) [first, last] = [8, 18];
  const shown = input.days.filter((day) => input.days.length === 1 || isoWeekday(day) < 5 || workingDays.has(isoWeekday(day)));
  const days = shown.length > 0 ? shown : input.days;
  const gridWidth = pictureWidth - labelWidth - 10;
  const dayWidth = gridWidth / days.length;
  const blocks = days.map((day, index) => ({
    day,
    x: labelWidth + index * dayWidth,
    width: dayWidth,
    from: instantOf(`${day}T${String(first).padStart(2, '0')}:00`, zone),
    to: last === 24 ? instantOf(`${day}T23:59`, zone) : instantOf(`${day}T${String(last).padStart(2, '0')}:00`, zone),
  }));
  const rows = grid.rows.length + 1;
  const rowHeight = rowHeightFor(rows);
  const legendTop = headerHeight + rows * (rowHeight + rowGap) + 6;
  return {
    width: pictureWidth,
    height: legendTop + legendHeight,
    labelWidth,
    headerHeight,
    rowHeight,
    rowTop: (row) => headerHeight + row * (rowHeight + rowGap),
    days: blocks,
    legendTop,
    xOf(instant) {
      const block = blocks.find((candidate) => instant >= candidate.from && instant < candidate.to);
      if (!block) return undefined;
      return block.x + ((instant.getTime() - block.from.getTime()) / (block.to.getTime() - block.from.getTime())) * block.width;
    },
  };
}
