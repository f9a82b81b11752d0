import type { Event, MailboxSettings } from '@microsoft/microsoft-graph-types';
import type { Caller, ExportEvent, WorkingWeek } from './calendar-gateway';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { selectFields, toAgendaEvent } from './graph-mappers';
import { calendarPath, preferTimeZone, withQuery } from './graph-paths';

/** What an iCalendar file needs beyond the agenda: series, the organiser's zone, the text body, categories. */
const exportFields = [...selectFields.event, 'seriesMasterId', 'originalStart', 'originalStartTimeZone', 'body', 'categories', 'lastModifiedDateTime', 'type'];

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Reads a calendar's events for an iCalendar export (snapshots by mail, published feeds). */
export class CalendarExport {
  constructor(private readonly deps: GraphDeps) {}

  async readCalendarExport(caller: Caller, params: { ownerId?: string; calendarId?: string; start: Date; end: Date; timeZone: string }): Promise<ExportEvent[]> {
    if (!(params.end.getTime() > params.start.getTime())) throw new GraphError('invalidRequest', 'The export window ends before it starts');
    const path = withQuery(`${calendarPath(params.ownerId, params.calendarId)}/calendarView`, {
      startDateTime: params.start.toISOString(),
      endDateTime: params.end.toISOString(),
      $select: exportFields,
      $top: 100,
    });
    // Text bodies: the description of an iCalendar event is plain text.
    const headers = { Prefer: `${preferTimeZone(params.timeZone).Prefer}, outlook.body-content-type="text"` };
    const events = await this.deps.api.getAll<Event>(caller, path, { headers });
    return events.map((event) => toExportEvent(event, params.timeZone)).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  }

  async getWorkingHours(caller: Caller): Promise<WorkingWeek | undefined> {
    const settings = await this.deps.api.get<MailboxSettings>(caller, withQuery('/me/mailboxSettings', { $select: ['workingHours'] }));
    const hours = settings.workingHours;
    if (!hours?.startTime || !hours.endTime) return undefined;
    return {
      days: (hours.daysOfWeek ?? []).map((day) => weekdays.indexOf(String(day).toLowerCase())).filter((day) => day >= 0),
      start: hours.startTime.slice(0, 5),
      end: hours.endTime.slice(0, 5),
      timeZone: hours.timeZone?.name ?? undefined,
    };
  }
}

function toExportEvent(event: Event, requestedTimeZone: string): ExportEvent {
  return {
    ...toAgendaEvent(event, requestedTimeZone),
    seriesMasterId: event.seriesMasterId || undefined,
    originalStart: event.originalStart || undefined,
    originalTimeZone: event.originalStartTimeZone || undefined,
    body: event.body?.content?.trim() || undefined,
    categories: event.categories ?? [],
    lastModified: event.lastModifiedDateTime || undefined,
  };
}
