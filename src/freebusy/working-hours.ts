import type { WorkingHours } from '../graph/calendar-gateway';
import { addDays, instantOf, localDateOf, pickTimeZone } from '../dialogs/calendars/time-zone';
import { stepMs, type AvailabilityGrid } from './availability-model';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Outlook's default when a mailbox says nothing: Monday to Friday, 08:00 to 17:00. */
export const defaultWorkingHours: WorkingHours = { daysOfWeek: weekdays.slice(1, 6), startTime: '08:00:00', endTime: '17:00:00' };

/** "08:30:00.0000000" as "08:30". */
function clockTime(value: string): string {
  return value.slice(0, 5);
}

/**
 * Which intervals of the grid lie inside working hours, in the hours' own zone (so a colleague in New York
 * works 15:00-23:00 for a viewer in Paris). Computed per day, not per interval: two zone conversions a day.
 */
export function workingMask(grid: Pick<AvailabilityGrid, 'start' | 'stepMinutes' | 'steps'>, hours: WorkingHours, fallbackZone: string): boolean[] {
  const zone = pickTimeZone(hours.timeZone, fallbackZone);
  const mask = new Array<boolean>(grid.steps).fill(false);
  const step = stepMs(grid);
  const end = new Date(grid.start.getTime() + grid.steps * step);
  const days = new Set(hours.daysOfWeek.map((day) => day.toLowerCase()));
  for (let day = addDays(localDateOf(grid.start, zone), -1); instantOf(day, zone) < end; day = addDays(day, 1)) {
    if (!days.has(weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()])) continue;
    const from = instantOf(`${day}T${clockTime(hours.startTime)}`, zone).getTime();
    const to = instantOf(`${day}T${clockTime(hours.endTime)}`, zone).getTime();
    const first = Math.max(0, Math.ceil((from - grid.start.getTime()) / step));
    const last = Math.min(grid.steps, Math.floor((to - grid.start.getTime()) / step));
    for (let index = first; index < last; index++) mask[index] = true;
  }
  return mask;
}
