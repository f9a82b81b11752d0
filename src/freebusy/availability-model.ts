import type { AgendaEvent, PersonSchedule, WorkingHours } from '../graph/calendar-gateway';

/** What one interval of someone's calendar says, as the viewer may see it. */
export type SlotStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

/** How much of a person's calendar the viewer sees: what Graph gave, nothing more. */
export type Visibility = 'details' | 'freeBusy' | 'unknown';

export interface Attendee {
  address: string;
  name: string;
  isInsideOrganization: boolean;
  /** The viewer: their own row also counts the extra calendars they ticked. */
  isViewer?: boolean;
}

/** An event the viewer may name: a title only when Graph showed one. */
export interface VisibleItem {
  start: Date;
  end: Date;
  status: SlotStatus;
  subject?: string;
  /** Which of the viewer's extra calendars it came from (their own row only). */
  calendarId?: string;
}

export interface PersonRow {
  attendee: Attendee;
  visibility: Visibility;
  statuses: SlotStatus[];
  items: VisibleItem[];
  workingHours?: WorkingHours;
  /** Why the calendar could not be read (then every interval is unknown). */
  error?: string;
}

/** The window cut into equal intervals, a row per person. */
export interface AvailabilityGrid {
  start: Date;
  stepMinutes: number;
  steps: number;
  rows: PersonRow[];
}

const digitStatus: Record<string, SlotStatus> = { '0': 'free', '1': 'tentative', '2': 'busy', '3': 'oof', '4': 'workingElsewhere' };
const graphStatus: Record<string, SlotStatus> = { free: 'free', tentative: 'tentative', busy: 'busy', oof: 'oof', workingElsewhere: 'workingElsewhere' };
/** Which status wins when several items share an interval. */
export const statusRank: Record<SlotStatus, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4, unknown: 5 };

export function stepMs(grid: Pick<AvailabilityGrid, 'stepMinutes'>): number {
  return grid.stepMinutes * 60_000;
}

/** Graph's UTC local date-time ("2026-11-23T09:00:00.0000000") as an instant. */
export function utcInstant(dateTime: string): Date {
  return new Date(`${dateTime.slice(0, 23)}Z`);
}

/** The intervals an item covers, clipped to the grid. */
function stepRange(grid: Pick<AvailabilityGrid, 'start' | 'stepMinutes' | 'steps'>, start: Date, end: Date): [number, number] {
  const step = stepMs(grid);
  const first = Math.max(0, Math.floor((start.getTime() - grid.start.getTime()) / step));
  const last = Math.min(grid.steps, Math.ceil((end.getTime() - grid.start.getTime()) / step));
  return [first, last];
}

/**
 * A person's row from getSchedule. The view's digits give the status; Graph writes working elsewhere as 0,
 * so the items tell it apart from free. An error entry (no access, outside the organisation) is unknown.
 */
export function rowFromSchedule(grid: Pick<AvailabilityGrid, 'start' | 'stepMinutes' | 'steps'>, attendee: Attendee, schedule: PersonSchedule): PersonRow {
  if (schedule.error || schedule.availabilityView.length === 0) {
    return { attendee, visibility: 'unknown', statuses: new Array<SlotStatus>(grid.steps).fill('unknown'), items: [], error: schedule.error ?? 'empty' };
  }
  const statuses = Array.from({ length: grid.steps }, (_, index) => digitStatus[schedule.availabilityView[index] ?? ''] ?? 'unknown');
  const items: VisibleItem[] = schedule.items.map((item) => ({
    start: utcInstant(item.start),
    end: utcInstant(item.end),
    status: graphStatus[item.status] ?? 'busy',
    ...(item.subject && !item.isPrivate && { subject: item.subject }),
  }));
  for (const item of items.filter((candidate) => candidate.status === 'workingElsewhere')) {
    const [first, last] = stepRange(grid, item.start, item.end);
    for (let index = first; index < last; index++) if (statuses[index] === 'free') statuses[index] = 'workingElsewhere';
  }
  const visibility: Visibility = items.some((item) => item.subject !== undefined) ? 'details' : 'freeBusy';
  return { attendee, visibility, statuses, items, workingHours: schedule.workingHours };
}

/** The viewer's extra calendars counted in their own row: each event marks its intervals with its status. */
export function addCalendarEvents(grid: Pick<AvailabilityGrid, 'start' | 'stepMinutes' | 'steps'>, row: PersonRow, calendarId: string, events: AgendaEvent[]): void {
  for (const event of events) {
    const status = graphStatus[event.showAs];
    if (!status || status === 'free') continue;
    const item: VisibleItem = { start: utcInstant(event.start), end: utcInstant(event.end), status, calendarId, ...(event.subject && { subject: event.subject }) };
    row.items.push(item);
    const [first, last] = stepRange(grid, item.start, item.end);
    for (let index = first; index < last; index++) {
      if (statusRank[status] > statusRank[row.statuses[index]] && row.statuses[index] !== 'unknown') row.statuses[index] = status;
    }
  }
}
