/**
 * Graph's `patternedRecurrence` and the RFC 5545 RRULEs it can say. Feeds map an RRULE to a pattern
 * (`rruleToPattern`), and the emulator expands a pattern through ical.js (`patternToRrule`), so both
 * directions share one reading of the rules.
 */
import { ICAL } from './ical';

export const patternTypes = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'] as const;
export type PatternType = (typeof patternTypes)[number];
export const weekIndexes = ['first', 'second', 'third', 'fourth', 'last'] as const;
export type WeekIndex = (typeof weekIndexes)[number];
export const daysOfWeek = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type DayOfWeek = (typeof daysOfWeek)[number];

export interface RecurrencePattern {
  type: PatternType;
  interval: number;
  month?: number;
  dayOfMonth?: number;
  daysOfWeek?: DayOfWeek[];
  firstDayOfWeek?: DayOfWeek;
  index?: WeekIndex;
}

export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  /** YYYY-MM-DD, the local date of the first occurrence. */
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}

export interface PatternedRecurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

const icalDays = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const indexNumbers: Record<WeekIndex, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };
const dateText = /^\d{4}-\d{2}-\d{2}$/;
/** Outlook refuses a numbered series past 999 occurrences. */
export const maxNumberedOccurrences = 999;

/** Why Graph would refuse a recurrence, in its own terms; undefined when it is valid. */
export function recurrenceProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'The recurrence must have a pattern and a range.';
  const { pattern, range } = value as Partial<PatternedRecurrence>;
  if (!pattern || !range) return 'The recurrence must have a pattern and a range.';
  if (!(patternTypes as readonly string[]).includes(pattern.type)) return `Recurrence pattern type '${String(pattern.type)}' is not valid.`;
  if (!Number.isInteger(pattern.interval) || pattern.interval < 1 || pattern.interval > 99) return 'The recurrence pattern interval must be between 1 and 99.';
  const days = pattern.daysOfWeek ?? [];
  if (days.some((day) => !(daysOfWeek as readonly string[]).includes(day))) return 'A recurrence day of week is not valid.';
  const needsDays = pattern.type === 'weekly' || pattern.type.startsWith('relative');
  if (needsDays && days.length === 0) return `A ${pattern.type} recurrence pattern needs daysOfWeek.`;
  const needsDayOfMonth = pattern.type.startsWith('absolute');
  if (needsDayOfMonth && (!Number.isInteger(pattern.dayOfMonth) || (pattern.dayOfMonth ?? 0) < 1 || (pattern.dayOfMonth ?? 0) > 31)) {
    return `A ${pattern.type} recurrence pattern needs a dayOfMonth between 1 and 31.`;
  }
  if (pattern.type.endsWith('Yearly') && (!Number.isInteger(pattern.month) || (pattern.month ?? 0) < 1 || (pattern.month ?? 0) > 12)) {
    return `A ${pattern.type} recurrence pattern needs a month between 1 and 12.`;
  }
  if (pattern.index !== undefined && !(weekIndexes as readonly string[]).includes(pattern.index)) return 'The recurrence pattern index is not valid.';
  if (!dateText.test(range.startDate ?? '')) return 'The recurrence range needs a startDate (YYYY-MM-DD).';
  if (range.type === 'endDate') {
    if (!dateText.test(range.endDate ?? '')) return 'An endDate recurrence range needs an endDate (YYYY-MM-DD).';
    if ((range.endDate ?? '') < range.startDate) return 'The recurrence range endDate must not be before its startDate.';
  } else if (range.type === 'numbered') {
    const count = range.numberOfOccurrences ?? 0;
    if (!Number.isInteger(count) || count < 1 || count > maxNumberedOccurrences) return `A numbered recurrence range needs 1 to ${maxNumberedOccurrences} occurrences.`;
  } else if (range.type !== 'noEnd') {
    return `Recurrence range type '${String(range.type)}' is not valid.`;
  }
  return undefined;
}

/** The RRULE (value only, e.g. `FREQ=WEEKLY;BYDAY=MO`) of a valid pattern, for expanding it with ical.js. */
export function patternToRrule(recurrence: PatternedRecurrence): string {
  const { pattern, range } = recurrence;
  const parts: string[] = [];
  const byDay = (pattern.daysOfWeek ?? []).map((day) => icalDays[daysOfWeek.indexOf(day)]);
  const index = pattern.index ? indexNumbers[pattern.index] : 1;
  switch (pattern.type) {
    case 'daily':
      parts.push('FREQ=DAILY');
      break;
    case 'weekly':
      parts.push('FREQ=WEEKLY', `BYDAY=${byDay.join(',')}`);
      break;
    case 'absoluteMonthly':
      parts.push('FREQ=MONTHLY', `BYMONTHDAY=${pattern.dayOfMonth}`);
      break;
    case 'relativeMonthly':
      parts.push('FREQ=MONTHLY', `BYDAY=${byDay.join(',')}`, `BYSETPOS=${index}`);
      break;
    case 'absoluteYearly':
      parts.push('FREQ=YEARLY', `BYMONTH=${pattern.month}`, `BYMONTHDAY=${pattern.dayOfMonth}`);
      break;
    case 'relativeYearly':
      parts.push('FREQ=YEARLY', `BYMONTH=${pattern.month}`, `BYDAY=${byDay.join(',')}`, `BYSETPOS=${index}`);
      break;
  }
  parts.push(`INTERVAL=${pattern.interval}`);
  if (pattern.firstDayOfWeek) parts.push(`WKST=${icalDays[daysOfWeek.indexOf(pattern.firstDayOfWeek)]}`);
  if (range.type === 'numbered') parts.push(`COUNT=${range.numberOfOccurrences}`);
  if (range.type === 'endDate') parts.push(`UNTIL=${(range.endDate ?? '').replace(/-/g, '')}T235959`);
  return parts.join(';');
}

/** The first occurrence's local date and the zone the series recurs in. */
export interface SeriesStart {
  /** YYYY-MM-DD in the series' zone. */
  date: string;
  zone: string;
}

export type PatternResult = { ok: true; recurrence: PatternedRecurrence } | { ok: false; reason: string };

const unsupportedParts = ['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYYEARDAY', 'BYWEEKNO'];

/**
 * The patternedRecurrence saying the same as an RRULE, or why none can: sub-daily rules, BYHOUR and the
 * like, several months or month days, negative month days, BYSETPOS other than 1-4 or -1, ordinal days
 * Graph has no index for. `untilDate` is UNTIL as a local date in the series' zone.
 */
export function rruleToPattern(recur: ICAL.Recur, start: SeriesStart, untilDate?: string): PatternResult {
  const no = (reason: string): PatternResult => ({ ok: false, reason });
  const parts = recur.parts as Record<string, Array<string | number> | undefined>;
  const used = unsupportedParts.find((part) => (parts[part]?.length ?? 0) > 0);
  if (used) return no(used);
  const interval = recur.interval ?? 1;
  if (interval > 99) return no('INTERVAL');
  const [year, month, day] = start.date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const months = (parts.BYMONTH ?? []).map(Number);
  const monthDays = (parts.BYMONTHDAY ?? []).map(Number);
  const setPos = (parts.BYSETPOS ?? []).map(Number);
  const byDay = (parts.BYDAY ?? []).map(String);
  if (months.length > 1) return no('BYMONTH');
  if (monthDays.length > 1 || monthDays.some((value) => value < 1)) return no('BYMONTHDAY');
  if (setPos.length > 1 || setPos.some((value) => ![1, 2, 3, 4, -1].includes(value))) return no('BYSETPOS');
  const days = byDay.map((value) => /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(value));
  if (days.some((match) => match === null)) return no('BYDAY');
  const ordinals = days.map((match) => (match?.[1] ? Number(match[1]) : undefined));
  const names = days.map((match) => daysOfWeek[icalDays.indexOf(match?.[2] ?? '')]);
  const firstDayOfWeek = daysOfWeek[(recur.wkst ?? 1) - 1] ?? 'sunday';
  let pattern: RecurrencePattern;
  switch (recur.freq) {
    case 'DAILY':
      if (months.length || monthDays.length || setPos.length || byDay.length) return no('DAILY with BY rules');
      pattern = { type: 'daily', interval };
      break;
    case 'WEEKLY':
      if (months.length || monthDays.length || setPos.length || ordinals.some((value) => value !== undefined)) return no('WEEKLY with BY rules');
      pattern = { type: 'weekly', interval, daysOfWeek: names.length ? names : [daysOfWeek[weekday]], firstDayOfWeek };
      break;
    case 'MONTHLY':
    case 'YEARLY': {
      const yearly = recur.freq === 'YEARLY';
      if (!yearly && months.length) return no('MONTHLY with BYMONTH');
      const theMonth = months[0] ?? month;
      if (byDay.length === 0) {
        if (setPos.length) return no('BYSETPOS without BYDAY');
        pattern = { type: yearly ? 'absoluteYearly' : 'absoluteMonthly', interval, dayOfMonth: monthDays[0] ?? day, ...(yearly ? { month: theMonth } : {}) };
        break;
      }
      if (monthDays.length) return no('BYMONTHDAY with BYDAY');
      const ordinal = setPos[0] ?? (ordinals.length === 1 ? ordinals[0] : undefined);
      if (ordinals.length > 1 && ordinals.some((value) => value !== undefined)) return no('BYDAY with several ordinals');
      if (ordinal === undefined || ![1, 2, 3, 4, -1].includes(ordinal)) return no('BYDAY ordinal');
      if (yearly && months.length === 0) return no('YEARLY BYDAY without BYMONTH');
      const index = weekIndexes[ordinal === -1 ? 4 : ordinal - 1];
      pattern = { type: yearly ? 'relativeYearly' : 'relativeMonthly', interval, daysOfWeek: names, index, ...(yearly ? { month: theMonth } : {}) };
      break;
    }
    default:
      return no(String(recur.freq));
  }
  const range: RecurrenceRange = { type: 'noEnd', startDate: start.date, recurrenceTimeZone: start.zone };
  if (recur.count) {
    if (recur.count > maxNumberedOccurrences) return no('COUNT');
    range.type = 'numbered';
    range.numberOfOccurrences = recur.count;
  } else if (untilDate) {
    if (untilDate < start.date) return no('UNTIL before DTSTART');
    range.type = 'endDate';
    range.endDate = untilDate;
  }
  return { ok: true, recurrence: { pattern, range } };
}
