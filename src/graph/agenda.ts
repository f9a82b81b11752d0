import type { Event } from '@microsoft/microsoft-graph-types';
import type { AgendaEvent, Caller } from './calendar-gateway';
import type { PlannedRead } from './graph-batch';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { selectFields, toAgendaEvent } from './graph-mappers';
import { calendarPath, preferTimeZone, withQuery } from './graph-paths';

export interface AgendaParams {
  ownerAddress?: string;
  calendarId?: string;
  start: Date;
  end: Date;
  timeZone: string;
}

/** Exchange's page size ceiling for calendarView is 1000; 100 keeps each answer small. */
const pageSize = 100;

/** Events of a calendar in a window, at the detail the caller's role allows (Exchange strips the rest). */
export class Agenda {
  constructor(private readonly deps: GraphDeps) {}

  async readAgenda(caller: Caller, params: AgendaParams): Promise<AgendaEvent[]> {
    const [events] = await this.deps.batch.runPlanned(caller, [this.planAgenda(caller, params)]);
    if (!events.ok) throw events.error;
    return events.value as AgendaEvent[];
  }

  /** `readAgenda` as a planned read, to travel in one `$batch` with other reads. */
  planAgenda(caller: Caller, params: AgendaParams): PlannedRead<AgendaEvent[]> {
    if (!(params.end.getTime() > params.start.getTime())) {
      return { reads: [], finish: () => Promise.reject(new GraphError('invalidRequest', 'The agenda window ends before it starts')) };
    }
    const path = withQuery(`${calendarPath(params.ownerAddress, params.calendarId)}/calendarView`, {
      startDateTime: params.start.toISOString(),
      endDateTime: params.end.toISOString(),
      $select: selectFields.event,
      $top: pageSize,
    });
    const plan = this.deps.batch.collection<Event, AgendaEvent>(caller, { path, headers: preferTimeZone(params.timeZone) }, (event) => toAgendaEvent(event, params.timeZone));
    // All times are in the one requested zone, so the fixed-width local date-times sort as text.
    return { reads: plan.reads, finish: async (answers) => (await plan.finish(answers)).sort((a, b) => a.start.localeCompare(b.start)) };
  }
}
