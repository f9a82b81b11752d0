import type { ExportEvent, WorkingWeek } from '../graph/calendar-gateway';
import { instantOf } from '../ical/ics-event';
import { resolveTimeZone, wallClockOf } from '../time/zoned-time';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Outlook's "Show time within my working hours only": the events that touch the working hours of a
 * working day, in the zone the working hours are set in. All-day events are kept on working days.
 */
export function withinWorkingHours(events: ExportEvent[], hours: WorkingWeek, readZone: string): ExportEvent[] {
  const zone = resolveTimeZone(hours.timeZone) ?? readZone;
  const open = minutesOf(hours.start);
  const close = minutesOf(hours.end);
  const workingDay = (instant: Date): boolean => {
    const wall = wallClockOf(instant, zone);
    return hours.days.includes(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay());
  };
  return events.filter((event) => {
    const start = instantOf(event.start, readZone);
    const end = instantOf(event.end, readZone);
    if (event.isAllDay) {
      for (let day = start.getTime(); day < end.getTime(); day += 86_400_000) if (workingDay(new Date(day + 12 * 3600_000))) return true;
      return false;
    }
    // Each working day the event spans: does it overlap that day's opening hours?
    for (let at = start.getTime(); at < end.getTime(); at += 86_400_000) {
      const instant = new Date(at);
      if (!workingDay(instant)) continue;
      const wall = wallClockOf(instant, zone);
      const from = at === start.getTime() ? wall.hour * 60 + wall.minute : 0;
      const sameDayEnd = end.getTime() - at < 86_400_000 - (wall.hour * 60 + wall.minute) * 60_000;
      const endWall = wallClockOf(end, zone);
      const to = sameDayEnd ? endWall.hour * 60 + endWall.minute || 24 * 60 : 24 * 60;
      if (from < close && to > open) return true;
    }
    return false;
  });
}
