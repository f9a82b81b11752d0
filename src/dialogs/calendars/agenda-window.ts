import { addDays, instantOf, isoWeekday, localDateOf, type LocalDate } from './time-zone';

export type AgendaRange = 'today' | 'week' | 'day';

/** The days an agenda shows, in the user's zone, and the instants Graph is asked for. */
export interface AgendaWindow {
  range: AgendaRange;
  firstDay: LocalDate;
  /** Inclusive. */
  lastDay: LocalDate;
  start: Date;
  end: Date;
}

/**
 * Today, this week (Monday to Sunday, the way Outlook shows a work week in Europe) or a chosen day,
 * with "today" taken from the bot's clock in the user's zone.
 */
export function agendaWindow(range: AgendaRange, now: Date, zone: string, day?: LocalDate): AgendaWindow {
  const today = localDateOf(now, zone);
  const firstDay = range === 'week' ? addDays(today, -isoWeekday(today)) : range === 'day' && day ? day : today;
  const lastDay = range === 'week' ? addDays(firstDay, 6) : firstDay;
  return { range, firstDay, lastDay, start: instantOf(firstDay, zone), end: instantOf(addDays(lastDay, 1), zone) };
}
