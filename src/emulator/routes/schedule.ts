import { accessTo, mailboxUser, primaryCalendarOf } from '../calendar-access';
import { invalidParameter, json, objectBody } from '../graph-http';
import { hasMailbox, type DirectoryUser } from '../org-schema';
import { canReadItems, scheduleShowsDetails, type AccessLevel } from '../role-filter';
import type { Route, RouteContext } from '../router';
import type { StoredEvent } from '../state';
import type { EmulatorStore } from '../state-store';
import { parseInZone, preferredTimeZone, resolveTimeZone, toDateTimeTimeZone } from '../time-zone';
import { workingHoursOf } from './users';

const maxSchedules = 20;
const maxRangeMs = 62 * 24 * 3600_000;

/**
 * availabilityView digits, and which status wins when items overlap in one interval. Graph writes working
 * elsewhere as 0, like free, "for backward compatibility"; only scheduleItems tell the two apart.
 */
const statusDigits: Record<StoredEvent['showAs'], string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '0' };
const statusWeight: Record<StoredEvent['showAs'], number> = { free: 0, tentative: 1, workingElsewhere: 2, busy: 3, oof: 4 };

function parseTime(value: unknown, name: string): Date {
  const time = value as { dateTime?: unknown; timeZone?: unknown } | undefined;
  const zone = resolveTimeZone(typeof time?.timeZone === 'string' ? time.timeZone : undefined);
  const instant = typeof time?.dateTime === 'string' && zone ? parseInZone(time.dateTime, zone) : undefined;
  if (!instant) throw invalidParameter(`The property '${name}' needs a valid dateTime and timeZone.`);
  return instant;
}

function availabilityView(items: StoredEvent[], start: Date, end: Date, intervalMinutes: number): string {
  const step = intervalMinutes * 60_000;
  let view = '';
  for (let slot = start.getTime(); slot < end.getTime(); slot += step) {
    const overlapping = items.filter((item) => new Date(item.start).getTime() < slot + step && new Date(item.end).getTime() > slot);
    const strongest = overlapping.reduce<StoredEvent['showAs']>((best, item) => (statusWeight[item.showAs] > statusWeight[best] ? item.showAs : best), 'free');
    view += statusDigits[strongest];
  }
  return view;
}

interface ScheduleWindow {
  start: Date;
  end: Date;
  interval: number;
  zone: string;
}

function scheduleFor(store: EmulatorStore, caller: DirectoryUser, scheduleId: string, window: ScheduleWindow): Record<string, unknown> {
  const target = store.findUser(scheduleId);
  // A guest's free/busy lives in their own organisation's Exchange: the same answer as any outside address.
  if (!target || !hasMailbox(target)) {
    return { scheduleId, error: { message: `Unable to resolve e-mail address ${scheduleId} to an Active Directory object.`, responseCode: '5009' } };
  }
  const calendar = primaryCalendarOf(store.state, target.id);
  const level: AccessLevel = accessTo(store.state, calendar, caller).level;
  if (!canReadItems(level)) {
    return { scheduleId, error: { message: 'You do not have permission to view free/busy information for this mailbox.', responseCode: 'ErrorNoFreeBusyAccess' } };
  }
  const items = store.state.events
    .filter((event) => event.calendarId === calendar.id && event.showAs !== 'free')
    .filter((event) => new Date(event.start) < window.end && new Date(event.end) > window.start)
    .sort((a, b) => a.start.localeCompare(b.start));
  return {
    scheduleId,
    availabilityView: availabilityView(items, window.start, window.end, window.interval),
    scheduleItems: items.map((event) => {
      const isPrivate = event.sensitivity === 'private';
      const details = scheduleShowsDetails(level, event.sensitivity) ? { subject: event.subject, location: event.location ?? '' } : {};
      return {
        isPrivate,
        status: event.showAs,
        ...details,
        start: toDateTimeTimeZone(new Date(event.start), window.zone),
        end: toDateTimeTimeZone(new Date(event.end), window.zone),
      };
    }),
    workingHours: workingHoursOf(target),
  };
}

/**
 * Free/busy for up to 20 people over at most 62 days. Each schedule shows what the caller's role on
 * that person's primary calendar allows; an unknown address is an error inside its own entry.
 */
function getSchedule({ request, params, caller, store }: RouteContext) {
  mailboxUser(store, params.user);
  const body = objectBody(request);
  const schedules = body.schedules ?? body.Schedules;
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((id) => typeof id === 'string')) {
    throw invalidParameter("The property 'schedules' must list at least one email address.");
  }
  if (schedules.length > maxSchedules) throw invalidParameter(`Too many schedules requested: the maximum is ${maxSchedules}.`);
  const start = parseTime(body.startTime ?? body.StartTime, 'startTime');
  const end = parseTime(body.endTime ?? body.EndTime, 'endTime');
  if (end <= start) throw invalidParameter('The endTime must be after the startTime.');
  if (end.getTime() - start.getTime() > maxRangeMs) throw invalidParameter('The requested time range cannot exceed 62 days.');
  const interval = body.availabilityViewInterval ?? 30;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw invalidParameter("The property 'availabilityViewInterval' must be between 5 and 1440 minutes.");
  }
  const window = { start, end, interval, zone: preferredTimeZone(request.headers.prefer) };
  return json(200, { value: schedules.map((id) => scheduleFor(store, caller, id, window)) });
}

export const scheduleRoutes: Route[] = [
  { method: 'POST', pattern: '/users/:user/calendar/getSchedule', handler: getSchedule },
];
