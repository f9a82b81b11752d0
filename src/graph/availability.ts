import type { Event, MailboxSettings, ScheduleInformation, User } from '@microsoft/microsoft-graph-types';
import type { AgendaEvent, AvailabilitySnapshot, Caller, MeetingRequest, Outcome, PeopleMatches, Person } from './calendar-gateway';
import type { GraphPage } from './graph-api';
import type { BatchRead } from './graph-batch';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { selectFields, toAgendaEvent, toPerson, toPersonSchedule, toWorkingHours } from './graph-mappers';
import { calendarPath, odataString, preferTimeZone, segment, withQuery } from './graph-paths';

/** Graph's documented limits of getSchedule: 20 schedules a call, a window under 62 days. */
export const maxSchedulesPerCall = 20;
const maxWindowMs = 61 * 24 * 3600_000;
const utc = preferTimeZone('UTC');

/**
 * The reads of the free/busy view. Each user action costs as few round trips as Graph allows: the
 * getSchedule calls (split by 20 people and by window), the caller's mailbox settings and the extra
 * calendars' views all go in one `$batch` (Graph takes 20 requests per batch; more are chunked).
 */
export class Availability {
  constructor(private readonly deps: GraphDeps) {}

  async matchPeople(caller: Caller, params: { queries: string[]; idQueries?: string[] }): Promise<PeopleMatches> {
    const queries = [...new Set(params.queries.map((query) => query.trim()).filter(Boolean))];
    const ids = [...new Set(params.idQueries ?? [])];
    const reads: BatchRead[] = [
      { path: withQuery('/me', { $select: ['mail', 'userPrincipalName'] }) },
      { path: withQuery('/me/mailboxSettings', { $select: ['timeZone'] }) },
      ...queries.map((query) => ({ path: withQuery('/users', { $filter: peopleFilter(query), $select: selectFields.user, $top: 5 }) })),
      ...ids.map((id) => ({ path: withQuery(`/users/${segment(id)}`, { $select: selectFields.user }) })),
    ];
    const [me, settings, ...answers] = await this.deps.batch.getMany(caller, reads);
    if (!me.ok) throw me.error;
    const matches = new Map<string, Outcome<Person[]>>();
    [...queries, ...ids].forEach((query, index) => {
      const answer = answers[index];
      if (!answer.ok) {
        matches.set(query, answer);
        return;
      }
      const users = index < queries.length ? ((answer.value as GraphPage<User>).value ?? []) : [answer.value as User];
      this.deps.api.mailboxes.learn(users);
      matches.set(query, { ok: true, value: users.map(toPerson).filter((person): person is Person => person !== undefined) });
    });
    const user = me.value as User;
    const myTimeZone = settings.ok ? ((settings.value as MailboxSettings).timeZone ?? undefined) : undefined;
    return { myAddress: user.mail ?? user.userPrincipalName ?? '', myTimeZone, matches };
  }

  async readAvailability(
    caller: Caller,
    params: { addresses: string[]; start: Date; end: Date; intervalMinutes: number; extraCalendarIds: string[] },
  ): Promise<AvailabilitySnapshot> {
    const { start, end, intervalMinutes } = params;
    if (!(end > start)) throw new GraphError('invalidRequest', 'The free/busy window ends before it starts');
    if (!Number.isInteger(intervalMinutes) || intervalMinutes < 5 || intervalMinutes > 1440) {
      throw new GraphError('invalidRequest', 'A schedule interval must be 5 to 1440 minutes');
    }
    const addresses = [...new Set(params.addresses.map((address) => address.toLowerCase()))];
    const windows = splitWindow(start, end, intervalMinutes);
    const groups: string[][] = [];
    for (let first = 0; first < addresses.length; first += maxSchedulesPerCall) groups.push(addresses.slice(first, first + maxSchedulesPerCall));

    const scheduleReads = windows.flatMap((window) => groups.map((schedules) => ({ window, schedules })));
    const calendarIds = [...new Set(params.extraCalendarIds)];
    const reads: BatchRead[] = [
      { path: withQuery('/me/mailboxSettings', { $select: ['timeZone', 'workingHours'] }) },
      ...scheduleReads.map(({ window, schedules }) => getScheduleRead(schedules, window.start, window.end, intervalMinutes)),
      ...calendarIds.map((id) => calendarViewRead(id, start, end)),
    ];
    const [settings, ...answers] = await this.deps.batch.getMany(caller, reads);
    const scheduleAnswers = answers.slice(0, scheduleReads.length);
    const viewAnswers = answers.slice(scheduleReads.length);

    const failed = scheduleAnswers.find((answer) => !answer.ok);
    if (failed && !failed.ok) throw failed.error;
    const byAddress = new Map<string, ScheduleInformation[]>();
    scheduleAnswers.forEach((answer) => {
      for (const schedule of (answer.ok ? (answer.value as { value?: ScheduleInformation[] }).value : undefined) ?? []) {
        const key = (schedule.scheduleId ?? '').toLowerCase();
        byAddress.set(key, [...(byAddress.get(key) ?? []), schedule]);
      }
    });
    const schedules = addresses.map((address) => toPersonSchedule(address, joinWindows(byAddress.get(address))));

    const extraCalendars = new Map<string, Outcome<AgendaEvent[]>>();
    await Promise.all(
      calendarIds.map(async (id, index) => {
        const answer = viewAnswers[index];
        if (!answer.ok) return extraCalendars.set(id, answer);
        try {
          const events = await this.deps.api.rest<Event>(caller, answer.value as GraphPage<Event>, { headers: utc });
          return extraCalendars.set(id, { ok: true, value: events.map((event) => toAgendaEvent(event, 'UTC')) });
        } catch (error) {
          return extraCalendars.set(id, { ok: false, error: error instanceof Error ? error : new GraphError('unavailable', 'paging failed') });
        }
      }),
    );
    const mailbox = settings.ok ? (settings.value as MailboxSettings) : undefined;
    return { me: { timeZone: mailbox?.timeZone ?? undefined, workingHours: toWorkingHours(mailbox?.workingHours) }, schedules, extraCalendars };
  }

  async createMeeting(caller: Caller, params: MeetingRequest): Promise<{ id: string; webLink?: string }> {
    const event = await this.deps.api.post<Event>(caller, '/me/calendar/events', {
      subject: params.subject,
      start: { dateTime: utcDateTime(params.start), timeZone: 'UTC' },
      end: { dateTime: utcDateTime(params.end), timeZone: 'UTC' },
      attendees: params.attendees.map((attendee) => ({ type: 'required', emailAddress: { address: attendee.address, name: attendee.name } })),
      transactionId: params.transactionId,
    }, { headers: preferTimeZone(params.timeZone) });
    return { id: event.id ?? '', webLink: event.webLink ?? undefined };
  }
}

/** Windows under Graph's 62-day limit, each a whole number of intervals so the views join end to end. */
export function splitWindow(start: Date, end: Date, intervalMinutes: number): Array<{ start: Date; end: Date }> {
  const step = intervalMinutes * 60_000;
  const span = Math.floor(maxWindowMs / step) * step;
  const windows: Array<{ start: Date; end: Date }> = [];
  for (let from = start.getTime(); from < end.getTime(); from += span) {
    windows.push({ start: new Date(from), end: new Date(Math.min(end.getTime(), from + span)) });
  }
  return windows;
}

function joinWindows(parts: ScheduleInformation[] | undefined): ScheduleInformation | undefined {
  if (!parts || parts.length === 0) return undefined;
  const [first, ...rest] = parts;
  return rest.reduce<ScheduleInformation>(
    (joined, part) => ({
      ...joined,
      availabilityView: (joined.availabilityView ?? '') + (part.availabilityView ?? ''),
      scheduleItems: [...(joined.scheduleItems ?? []), ...(part.scheduleItems ?? [])],
      error: joined.error ?? part.error,
    }),
    first,
  );
}

function getScheduleRead(schedules: string[], start: Date, end: Date, interval: number): BatchRead {
  return {
    method: 'POST',
    path: '/me/calendar/getSchedule',
    headers: utc,
    body: {
      schedules,
      startTime: { dateTime: utcDateTime(start), timeZone: 'UTC' },
      endTime: { dateTime: utcDateTime(end), timeZone: 'UTC' },
      availabilityViewInterval: interval,
    },
  };
}

function calendarViewRead(calendarId: string, start: Date, end: Date): BatchRead {
  const path = withQuery(`${calendarPath(undefined, calendarId)}/calendarView`, {
    startDateTime: start.toISOString(),
    endDateTime: end.toISOString(),
    $select: selectFields.event,
    $top: 100,
  });
  return { path, headers: utc };
}

function peopleFilter(query: string): string {
  const text = odataString(query);
  if (query.includes('@')) return `mail eq ${text} or userPrincipalName eq ${text}`;
  return ['displayName', 'mail', 'givenName', 'surname'].map((field) => `startswith(${field},${text})`).join(' or ');
}

function utcDateTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '');
}
