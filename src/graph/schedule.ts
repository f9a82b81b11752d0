import type { ScheduleInformation } from '@microsoft/microsoft-graph-types';
import type { Caller, PersonSchedule } from './calendar-gateway';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { toPersonSchedule } from './graph-mappers';
import { preferTimeZone } from './graph-paths';

/** Graph's documented limits of getSchedule. */
const maxSchedulesPerCall = 20;
const maxWindowMs = 62 * 24 * 60 * 60 * 1000;

/** Free/busy of several people at once, whether or not they shared a calendar with the caller. */
export class Schedules {
  constructor(private readonly deps: GraphDeps) {}

  async getSchedule(
    caller: Caller,
    params: { addresses: string[]; start: Date; end: Date; intervalMinutes: number; timeZone?: string },
  ): Promise<PersonSchedule[]> {
    const window = params.end.getTime() - params.start.getTime();
    if (window <= 0 || window > maxWindowMs) throw new GraphError('invalidRequest', 'A schedule window must be between 0 and 62 days');
    if (!Number.isInteger(params.intervalMinutes) || params.intervalMinutes < 5 || params.intervalMinutes > 1440) {
      throw new GraphError('invalidRequest', 'A schedule interval must be 5 to 1440 minutes');
    }
    const addresses = [...new Set(params.addresses)];
    const chunks: string[][] = [];
    for (let start = 0; start < addresses.length; start += maxSchedulesPerCall) chunks.push(addresses.slice(start, start + maxSchedulesPerCall));

    const answers = await Promise.all(chunks.map((chunk) => this.askGraph(caller, chunk, params)));
    const byAddress = new Map<string, ScheduleInformation>();
    for (const schedule of answers.flat()) {
      if (schedule.scheduleId) byAddress.set(schedule.scheduleId.toLowerCase(), schedule);
    }
    return addresses.map((address) => toPersonSchedule(address, byAddress.get(address.toLowerCase())));
  }

  private async askGraph(
    caller: Caller,
    schedules: string[],
    params: { start: Date; end: Date; intervalMinutes: number; timeZone?: string },
  ): Promise<ScheduleInformation[]> {
    const answer = await this.deps.api.post<{ value?: ScheduleInformation[] }>(
      caller,
      '/me/calendar/getSchedule',
      {
        schedules,
        startTime: { dateTime: utcDateTime(params.start), timeZone: 'UTC' },
        endTime: { dateTime: utcDateTime(params.end), timeZone: 'UTC' },
        availabilityViewInterval: params.intervalMinutes,
      },
      { headers: preferTimeZone(params.timeZone ?? 'UTC') },
    );
    return answer.value ?? [];
  }
}

/** Graph's dateTimeTimeZone wants a local date-time without offset; the zone is given beside it. */
function utcDateTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '');
}
