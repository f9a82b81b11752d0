import type { AvailabilitySnapshot, CalendarGateway, WorkingHours } from '../graph/calendar-gateway';
import { addDays, instantOf, localDateOf, pickTimeZone } from '../dialogs/calendars/time-zone';
import { addCalendarEvents, rowFromSchedule, type Attendee, type AvailabilityGrid, type PersonRow } from './availability-model';
import { findSlots, type SearchPerson, type SlotSearchResult } from './slot-search';
import type { SearchWindow } from './window';
import { defaultWorkingHours, workingMask } from './working-hours';

/** Graph's finest useful grain for meetings: quarter hours. */
export const stepMinutes = 15;

export interface FreeBusyRequest {
  viewer: Attendee;
  people: Attendee[];
  window: SearchWindow;
  durationMinutes: number;
  /** The viewer's calendars besides the main one that count as busy time (theirs, or shared with them). */
  extraCalendarIds: string[];
}

export interface FreeBusyAnswer {
  grid: AvailabilityGrid;
  /** Per row, per interval: inside that person's working hours (and the part of day asked). */
  working: boolean[][];
  /** Per interval: everyone whose calendar is known can meet. */
  common: boolean[];
  durationSteps: number;
  slots: SlotSearchResult;
  /** Rows left out of the search because their calendar is unknown to the viewer. */
  unknownRows: number[];
  /** The rows searched, in order: `slots.nearest[].unavailable` indexes into this. */
  knownRows: number[];
  /** Extra calendars that could not be read (by id). */
  unreadCalendars: string[];
  zone: string;
}

const partHours: Record<'morning' | 'afternoon', WorkingHours> = {
  morning: { daysOfWeek: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'], startTime: '08:00', endTime: '12:00' },
  afternoon: { daysOfWeek: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'], startTime: '12:00', endTime: '18:00' },
};

/** Reads everyone's availability in one round trip and finds the common slots inside everyone's working hours. */
export async function searchFreeBusy(gateway: Pick<CalendarGateway, 'readAvailability'>, caller: { userId: string }, request: FreeBusyRequest): Promise<FreeBusyAnswer> {
  const { window } = request;
  const everyone = [request.viewer, ...request.people];
  const snapshot = await gateway.readAvailability(caller, {
    addresses: everyone.map((person) => person.address),
    start: window.start,
    end: window.end,
    intervalMinutes: stepMinutes,
    extraCalendarIds: request.extraCalendarIds,
  });
  return answerFrom(snapshot, request);
}

/** The pure part: rows, masks and slots from what Graph answered (the benchmark calls it too). */
export function answerFrom(snapshot: AvailabilitySnapshot, request: FreeBusyRequest): FreeBusyAnswer {
  const { window } = request;
  const zone = pickTimeZone(snapshot.me.timeZone, window.zone);
  const steps = Math.round((window.end.getTime() - window.start.getTime()) / (stepMinutes * 60_000));
  const grid: AvailabilityGrid = { start: window.start, stepMinutes, steps, rows: [] };
  const everyone = [request.viewer, ...request.people];
  const byAddress = new Map(snapshot.schedules.map((schedule) => [schedule.address.toLowerCase(), schedule]));
  grid.rows = everyone.map((attendee): PersonRow => {
    const schedule = byAddress.get(attendee.address.toLowerCase()) ?? { address: attendee.address, availabilityView: '', items: [], error: 'missing' };
    return rowFromSchedule(grid, attendee, schedule);
  });
  const unreadCalendars: string[] = [];
  for (const [calendarId, outcome] of snapshot.extraCalendars) {
    if (outcome.ok) addCalendarEvents(grid, grid.rows[0], calendarId, outcome.value);
    else unreadCalendars.push(calendarId);
  }

  // Each person's own hours in their own zone when Graph shows them; else the viewer's.
  const viewerHours = snapshot.me.workingHours ?? grid.rows[0].workingHours ?? { ...defaultWorkingHours, timeZone: zone };
  const part = window.partOfDay ? workingMask(grid, { ...partHours[window.partOfDay], timeZone: zone }, zone) : undefined;
  const working = grid.rows.map((row, index) => {
    const mask = workingMask(grid, (index === 0 ? viewerHours : row.workingHours) ?? viewerHours, zone);
    return part ? mask.map((inside, step) => inside && part[step]) : mask;
  });
  const unknownRows = grid.rows.flatMap((row, index) => (row.visibility === 'unknown' ? [index] : []));
  const knownRows = grid.rows.flatMap((row, index) => (row.visibility === 'unknown' ? [] : [index]));
  const people: SearchPerson[] = knownRows.map((index) => ({ statuses: grid.rows[index].statuses, working: working[index] }));
  const durationSteps = Math.max(1, Math.ceil(request.durationMinutes / stepMinutes));
  const slots = findSlots({ steps, durationSteps, people, dayOf: dayIndexes(grid, zone) });
  const common = Array.from({ length: steps }, (_, step) =>
    people.every((person) => person.working[step] && (person.statuses[step] === 'free' || person.statuses[step] === 'workingElsewhere')),
  );
  return { grid, working, common, durationSteps, slots, unknownRows, knownRows, unreadCalendars, zone };
}

/** The viewer's day of each interval (0 for the first day), from one zone conversion per day. */
function dayIndexes(grid: AvailabilityGrid, zone: string): Int32Array {
  const days = new Int32Array(grid.steps);
  const step = grid.stepMinutes * 60_000;
  let day = localDateOf(grid.start, zone);
  let next = instantOf(addDays(day, 1), zone).getTime();
  let number = 0;
  for (let index = 0; index < grid.steps; index++) {
    while (grid.start.getTime() + index * step >= next) {
      day = addDays(day, 1);
      next = instantOf(addDays(day, 1), zone).getTime();
      number++;
    }
    days[index] = number;
  }
  return days;
}
