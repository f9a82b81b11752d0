import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { LocalDate } from '../dialogs/calendars/time-zone';
import { wallClockOf } from '../time/zoned-time';
import { stepMs, type AvailabilityGrid, type SlotStatus } from './availability-model';
import { pictureLayout, type PictureLayout } from './picture-layout';

/** The fill of each status, close to Outlook's scheduling assistant; outside working hours is grey. */
export const statusColors: Record<SlotStatus, string> = {
  free: '#ffffff',
  tentative: '#9db9e8',
  busy: '#2b579a',
  oof: '#8e44ad',
  workingElsewhere: '#f2b63c',
  unknown: '#b9b9b9',
};
export const offHoursColor = '#ececec';
export const commonColor = '#2e9e4f';
const fontFamily = 'FreeBusySans';
let fontLoaded = false;

/** The font ships in an npm package, so the picture looks the same on every server (no system fonts needed). */
function ensureFont(): void {
  if (fontLoaded) return;
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), fontFamily);
  fontLoaded = true;
}

export interface PictureInput {
  grid: AvailabilityGrid;
  days: LocalDate[];
  zone: string;
  /** Per person, per interval: inside their working hours. */
  working: boolean[][];
  /** Per interval: everyone known can meet. */
  common: boolean[];
  /** Start intervals of the proposed slots, and their length in intervals. */
  slots: number[];
  durationSteps: number;
  labels: {
    everyone: string;
    names: string[];
    day(day: LocalDate): string;
    legend: Array<{ status: SlotStatus | 'offHours' | 'common'; text: string }>;
  };
}

function fill(context: SKRSContext2D, color: string, x: number, y: number, width: number, height: number): void {
  context.fillStyle = color;
  context.fillRect(x, y, width, height);
}

function fitText(context: SKRSContext2D, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && context.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Draws one row: runs of intervals of one colour as one rectangle on whole pixels (no anti-aliased seams,
 * which keeps the PNG small enough to travel inside the card), off-hours greyed unless something is booked.
 */
function drawRow(context: SKRSContext2D, layout: PictureLayout, input: PictureInput, top: number, colorAt: (index: number) => string): void {
  const step = stepMs(input.grid);
  const xAt = (index: number): number | undefined => {
    const x = layout.xOf(new Date(input.grid.start.getTime() + index * step));
    return x === undefined ? undefined : Math.round(x);
  };
  let runStart = -1;
  let runColor = '';
  const flush = (end: number): void => {
    if (runStart < 0) return;
    const from = xAt(runStart) ?? 0;
    const last = xAt(end - 1) ?? from;
    const to = xAt(end) ?? last + Math.max(1, Math.round(layout.days[0].width / ((layout.days[0].to.getTime() - layout.days[0].from.getTime()) / step)));
    fill(context, runColor, from, top, Math.max(1, (to > from ? to : last + 1) - from), layout.rowHeight);
    runStart = -1;
  };
  for (let index = 0; index < input.grid.steps; index++) {
    const x = xAt(index);
    const color = x === undefined ? '' : colorAt(index);
    const blockChanges = x !== undefined && runStart >= 0 && xAt(index - 1) === undefined;
    if (color !== runColor || blockChanges) {
      flush(index);
      runColor = color;
      if (color) runStart = index;
    }
  }
  flush(input.grid.steps);
}

/** The availability view as a PNG: a row per person, the common free time on top, the proposed slots framed. */
export function renderAvailabilityPicture(input: PictureInput): { png: Buffer; layout: PictureLayout } {
  ensureFont();
  const workingAny = Array.from({ length: input.grid.steps }, (_, index) => input.working.some((row) => row[index]));
  const layout = pictureLayout({ grid: input.grid, days: input.days, zone: input.zone, workingAny });
  const canvas = createCanvas(layout.width, layout.height);
  const context = canvas.getContext('2d');
  fill(context, '#ffffff', 0, 0, layout.width, layout.height);
  context.textBaseline = 'middle';

  context.font = `bold 12px ${fontFamily}`;
  context.fillStyle = '#222222';
  for (const block of layout.days) {
    context.fillText(fitText(context, input.labels.day(block.day), block.width - 4), block.x + 3, 10);
    const hours = (block.to.getTime() - block.from.getTime()) / 3600_000;
    const every = hours / (block.width / 28) > 1 ? Math.ceil(hours / (block.width / 28)) : 1;
    context.font = `10px ${fontFamily}`;
    const firstHour = wallClockOf(block.from, input.zone).hour;
    for (let hour = 0; hour < hours; hour += every) {
      const x = block.x + (hour / hours) * block.width;
      if (x > block.x + block.width - 20) break;
      context.fillStyle = '#666666';
      context.fillText(String((firstHour + hour) % 24), x + 1, 28);
      fill(context, '#d0d0d0', x, layout.headerHeight - 4, 1, 4);
    }
    context.font = `bold 12px ${fontFamily}`;
    context.fillStyle = '#222222';
  }

  const rows = [input.labels.everyone, ...input.labels.names];
  rows.forEach((label, row) => {
    const top = layout.rowTop(row);
    context.font = `${row === 0 ? 'bold ' : ''}${layout.rowHeight > 16 ? 12 : 10}px ${fontFamily}`;
    context.fillStyle = '#222222';
    context.fillText(fitText(context, label, layout.labelWidth - 10), 6, top + layout.rowHeight / 2);
    if (row === 0) drawRow(context, layout, input, top, (index) => (input.common[index] ? commonColor : input.working[0]?.[index] ? '#ffffff' : offHoursColor));
    else {
      const person = input.grid.rows[row - 1];
      const working = input.working[row - 1];
      drawRow(context, layout, input, top, (index) => {
        const status = person.statuses[index];
        return status === 'free' && !working[index] ? offHoursColor : statusColors[status];
      });
    }
  });

  // Day separators, then a frame around each proposed slot, over every row.
  for (const block of layout.days) fill(context, '#8a8a8a', block.x, layout.headerHeight, 1, layout.rowTop(rows.length) - layout.headerHeight);
  const step = stepMs(input.grid);
  context.strokeStyle = '#0b6a2b';
  context.lineWidth = 2;
  for (const start of input.slots) {
    const from = layout.xOf(new Date(input.grid.start.getTime() + start * step));
    const to = layout.xOf(new Date(input.grid.start.getTime() + (start + input.durationSteps) * step - 1));
    if (from === undefined || to === undefined) continue;
    context.strokeRect(from, layout.headerHeight - 2, Math.max(3, to - from), layout.rowTop(rows.length) - layout.headerHeight);
  }

  let x = 6;
  context.font = `11px ${fontFamily}`;
  for (const entry of input.labels.legend) {
    const color = entry.status === 'offHours' ? offHoursColor : entry.status === 'common' ? commonColor : statusColors[entry.status];
    fill(context, '#999999', x, layout.legendTop + 7, 14, 14);
    fill(context, color, x + 1, layout.legendTop + 8, 12, 12);
    context.fillStyle = '#333333';
    context.fillText(entry.text, x + 18, layout.legendTop + 14);
    x += 24 + context.measureText(entry.text).width;
  }
  return { png: canvas.toBuffer('image/png'), layout };
}

