import { addDays, instantOf, isoWeekday, isLocalDate, localDateOf, type LocalDate } from '../dialogs/calendars/time-zone';
import type { PartOfDay, WindowSpec } from './request-parser';

/** The period searched, in the viewer's zone, with the days it spans (for the picture and the card). */
export interface SearchWindow {
  spec: WindowSpec;
  partOfDay?: PartOfDay;
  firstDay: LocalDate;
  /** Inclusive. */
  lastDay: LocalDate;
  start: Date;
  end: Date;
  zone: string;
}

const parts: Record<PartOfDay, [string, string]> = { morning: ['08:00', '12:00'], afternoon: ['12:00', '18:00'] };

/** The day a spec names, relative to today in the viewer's zone; undefined for an impossible date. */
function days(spec: WindowSpec, today: LocalDate): [LocalDate, LocalDate] | undefined {
  switch (spec.kind) {
    case 'today':
      return [today, today];
    case 'tomorrow':
      return [addDays(today, 1), addDays(today, 1)];
    case 'thisWeek':
      return [today, addDays(today, 6 - isoWeekday(today))];
    case 'nextWeek': {
      const monday = addDays(today, 7 - isoWeekday(today));
      return [monday, addDays(monday, 6)];
    }
    case 'weekday': {
      const ahead = (spec.weekday - new Date(`${today}T00:00:00Z`).getUTCDay() + 7) % 7;
      return [addDays(today, ahead), addDays(today, ahead)];
    }
    case 'date': {
      const pad = (value: number): string => String(value).padStart(2, '0');
      const year = spec.year ?? Number(today.slice(0, 4));
      let day = `${year}-${pad(spec.month)}-${pad(spec.day)}`;
      // "3 January" said in December means next year's.
      if (spec.year === undefined && day < today) day = `${year + 1}-${pad(spec.month)}-${pad(spec.day)}`;
      return isLocalDate(day) ? [day, day] : undefined;
    }
  }
}

/**
 * The instants searched: whole days (or the morning / afternoon of each), never before now: a search for
 * today starts at the next quarter hour. Undefined when the date does not exist or the window is over.
 */
export function resolveWindow(spec: WindowSpec, partOfDay: PartOfDay | undefined, now: Date, zone: string): SearchWindow | undefined {
  const today = localDateOf(now, zone);
  const span = days(spec, today);
  if (!span) return undefined;
  const [firstDay, lastDay] = span;
  const [from, to] = partOfDay ? parts[partOfDay] : ['00:00', '24:00'];
  let start = instantOf(`${firstDay}T${from}`, zone);
  const end = to === '24:00' ? instantOf(addDays(lastDay, 1), zone) : instantOf(`${lastDay}T${to}`, zone);
  const quarter = 15 * 60_000;
  const nextQuarter = new Date(Math.ceil(now.getTime() / quarter) * quarter);
  if (start < nextQuarter) start = nextQuarter;
  if (end <= start) return undefined;
  return { spec, partOfDay, firstDay, lastDay, start, end, zone };
}

/** The local days of a window, first to last. */
export function daysOf(window: Pick<SearchWindow, 'firstDay' | 'lastDay'>): LocalDate[] {
  const list: LocalDate[] = [];
  for (let day = window.firstDay; day <= window.lastDay; day = addDays(day, 1)) list.push(day);
  return list;
}
