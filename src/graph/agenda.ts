import type { Event } from '@microsoft/microsoft-graph-types';
import type { AgendaEvent, Caller } from './calendar-gateway';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { selectFields, toAgendaEvent } from './graph-mappers';
import { calendarPath, preferTimeZone, withQuery } from './graph-paths';

/** Exchange's page size ceiling for calendarView is 1000; 100 keeps each answer small. */
const pageSize = 100;

/** Events of a calendar in a window, at the detail the caller's role allows (Exchange strips the rest). */
export class Agenda {
  constructor(private readonly deps: GraphDeps) {}

  async readAgenda(
    caller: Caller,
    params: { ownerAddress?: string; calendarId?: string; start: Date; end: Date; timeZone: string },
  ): Promise<AgendaEvent[]> {
    if (!(params.end.getTime() > params.start.getTime())) throw new GraphError('invalidRequest', 'The agenda window ends before it starts');
    const path = withQuery(`${calendarPath(params.ownerAddress, params.calendarId)}/calendarView`, {
      startDateTime: params.start.toISOString(),
      endDateTime: params.end.toISOString(),
      $select: selectFields.event,
      $top: pageSize,
    });
    const events = await this.deps.api.getAll<Event>(caller, path, { headers: preferTimeZone(params.timeZone) });
    // All times are in the one requested zone, so the fixed-width local date-times sort as text.
    return events.map((event) => toAgendaEvent(event, params.timeZone)).sort((a, b) => a.start.localeCompare(b.start));
  }
}
