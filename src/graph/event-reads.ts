/**
 * The reads a two-way sync makes of an Outlook calendar: its whole content (events and series masters,
 * then the occurrences of the window), and `calendarView/delta` rounds to learn cheaply whether, and
 * what, changed since the last sync.
 */
import type { Caller } from './calendar-gateway';
import type { CalendarContent, CalendarEventsGateway, CalendarRef, EventChanges, EventRecord } from './event-gateway';
import type { GraphDeps } from './graph-deps';
import { isGraphError } from './graph-error';
import { calendarPath, odataString, withQuery } from './graph-paths';

const fields = 'id,changeKey,iCalUId,lastModifiedDateTime,subject,body,start,end,isAllDay,showAs,sensitivity,location,categories,recurrence,type,seriesMasterId,originalStart,originalStartTimeZone';
// UTC times and text bodies: one form whatever the mailbox's settings.
const contentPrefer = 'outlook.timezone="UTC", outlook.body-content-type="text"';
/** Graph's largest delta page: the fewer round trips the better. */
const deltaPrefer = 'odata.maxpagesize=1000';

type GraphEventJson = Omit<EventRecord, 'properties'> & { singleValueExtendedProperties?: Array<{ id: string; value: string }> };

interface DeltaPage {
  value?: Array<{ id: string; '@removed'?: { reason?: string } }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

function recordOf(event: GraphEventJson): EventRecord {
  const { singleValueExtendedProperties, ...rest } = event;
  return { ...rest, properties: Object.fromEntries((singleValueExtendedProperties ?? []).map((property) => [property.id, property.value])) };
}

/** Graph's signal that a delta link is dead and a fresh round is needed (410 Gone, or syncStateNotFound / resyncRequired). */
function deltaExpired(error: unknown): boolean {
  return isGraphError(error) && (error.status === 410 || ['syncStateNotFound', 'resyncRequired'].includes(error.code ?? ''));
}

export class EventReads implements Pick<CalendarEventsGateway, 'listEventsWithContent' | 'readEventChanges'> {
  constructor(private readonly deps: GraphDeps) {}

  async listEventsWithContent(caller: Caller, params: { calendar: CalendarRef; window: { start: Date; end: Date }; read: string[] }): Promise<CalendarContent> {
    const base = calendarPath(params.calendar.ownerAddress, params.calendar.calendarId);
    const headers = { prefer: contentPrefer };
    const expand = params.read.length ? `singleValueExtendedProperties($filter=${params.read.map((id) => `id eq ${odataString(id)}`).join(' or ')})` : undefined;
    const events = await this.deps.api.getAll<GraphEventJson>(caller, withQuery(`${base}/events`, { $select: fields, $expand: expand, $top: 1000 }), { headers });
    if (!events.some((event) => event.recurrence)) return { events: events.map(recordOf), instances: [] };
    const view = withQuery(`${base}/calendarView`, { startDateTime: params.window.start.toISOString(), endDateTime: params.window.end.toISOString(), $select: fields, $top: 1000 });
    const instances = await this.deps.api.getAll<GraphEventJson>(caller, view, { headers });
    return { events: events.map(recordOf), instances: instances.map(recordOf) };
  }

  async readEventChanges(caller: Caller, params: { calendar: CalendarRef; window: { start: Date; end: Date }; deltaLink?: string }): Promise<EventChanges> {
    if (params.deltaLink) {
      try {
        return await this.round(caller, this.deps.api.relative(params.deltaLink), false);
      } catch (error) {
        if (!deltaExpired(error)) throw error;
      }
    }
    const base = calendarPath(params.calendar.ownerAddress, params.calendar.calendarId);
    return this.round(caller, withQuery(`${base}/calendarView/delta`, { startDateTime: params.window.start.toISOString(), endDateTime: params.window.end.toISOString() }), true);
  }

  /** Follows `@odata.nextLink` until Graph gives the round's `@odata.deltaLink`. */
  private async round(caller: Caller, first: string, restarted: boolean): Promise<EventChanges> {
    const changedIds: string[] = [];
    const removedIds: string[] = [];
    let path: string | undefined = first;
    while (path) {
      const page: DeltaPage = await this.deps.api.get<DeltaPage>(caller, path, { headers: { prefer: deltaPrefer } });
      for (const item of page.value ?? []) (item['@removed'] ? removedIds : changedIds).push(item.id);
      if (page['@odata.deltaLink']) return { changedIds, removedIds, deltaLink: page['@odata.deltaLink'], restarted };
      path = page['@odata.nextLink'] ? this.deps.api.relative(page['@odata.nextLink']) : undefined;
    }
    throw new Error('Graph ended a delta round without a deltaLink');
  }
}
