import type { Calendar } from '@microsoft/microsoft-graph-types';
import type { Caller, CalendarSummary, Outcome } from './calendar-gateway';
import type { CalendarEventsGateway, CalendarRef, EventContent, EventInstance, EventOperation, SyncedEvent, WrittenEvent } from './event-gateway';
import { headerOf, type BatchRequestItem, type BatchResponseItem } from './graph-api';
import type { EventReads } from './event-reads';
import type { GraphDeps } from './graph-deps';
import { GraphError, graphErrorFromResponse } from './graph-error';
import { toCalendarSummary } from './graph-mappers';
import { calendarPath, mailboxPath, odataString, segment, withQuery } from './graph-paths';
import type { RetryPolicy } from './middleware/retry-policy';

/** Graph's documented ceiling of requests in one `$batch`. */
const batchSize = 20;
/** Exchange allows 4 concurrent requests per app and mailbox: a batch runs as 4 chains (dependsOn). */
const chains = 4;

type InnerAnswer = BatchResponseItem<{ id?: string; changeKey?: string; error?: { code?: string; message?: string } }>;

function eventsPath(calendar: CalendarRef): string {
  return `${calendarPath(calendar.ownerAddress, calendar.calendarId)}/events`;
}

function eventPath(calendar: CalendarRef, eventId: string): string {
  return `${mailboxPath(calendar.ownerAddress)}/events/${segment(eventId)}`;
}

/** Graph's event JSON for our content: text bodies, one location. */
function eventBody(event: Partial<EventContent>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (event.subject !== undefined) body.subject = event.subject;
  if (event.body !== undefined) body.body = { contentType: 'text', content: event.body };
  if (event.start) body.start = event.start;
  if (event.end) body.end = event.end;
  if (event.isAllDay !== undefined) body.isAllDay = event.isAllDay;
  if (event.showAs) body.showAs = event.showAs;
  if (event.sensitivity) body.sensitivity = event.sensitivity;
  if (event.location !== undefined) body.location = { displayName: event.location };
  if (event.categories) body.categories = event.categories;
  if (event.recurrence) body.recurrence = event.recurrence;
  return body;
}

const ifMatchOf = (operation: { ifMatch?: string }): Record<string, string> => (operation.ifMatch ? { 'if-match': operation.ifMatch } : {});

function innerRequest(operation: EventOperation, id: string): BatchRequestItem {
  const json = { 'content-type': 'application/json' };
  switch (operation.op) {
    case 'create':
      return {
        id,
        method: 'POST',
        url: eventsPath(operation.calendar),
        headers: json,
        body: {
          ...eventBody(operation.event),
          transactionId: operation.transactionId,
          singleValueExtendedProperties: Object.entries(operation.properties).map(([property, value]) => ({ id: property, value })),
        },
      };
    case 'update':
      return { id, method: 'PATCH', url: eventPath(operation.calendar, operation.eventId), headers: { ...json, ...ifMatchOf(operation) }, body: eventBody(operation.event) };
    case 'delete':
      return { id, method: 'DELETE', url: eventPath(operation.calendar, operation.eventId), headers: ifMatchOf(operation) };
  }
}

/** Event writes and the reads a sync needs. */
export class Events implements Omit<CalendarEventsGateway, keyof EventReads> {
  constructor(
    private readonly deps: GraphDeps,
    private readonly policy: RetryPolicy,
  ) {}

  async createCalendar(caller: Caller, params: { name: string }): Promise<CalendarSummary> {
    const created = await this.deps.api.post<Calendar>(caller, '/me/calendars', { name: params.name });
    return toCalendarSummary(created);
  }

  async deleteCalendar(caller: Caller, params: { calendarId: string }): Promise<void> {
    await this.deps.api.delete(caller, calendarPath(undefined, params.calendarId));
  }

  async findEventsByProperty(caller: Caller, params: { calendar: CalendarRef; propertyId: string; value: string; read: string[] }): Promise<SyncedEvent[]> {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(params.propertyId)} and ep/value eq ${odataString(params.value)})`;
    const expand = `singleValueExtendedProperties($filter=${params.read.map((id) => `id eq ${odataString(id)}`).join(' or ')})`;
    const path = withQuery(eventsPath(params.calendar), { $filter: filter, $expand: expand, $select: 'id,changeKey', $top: 100 });
    const events = await this.deps.api.getAll<{ id: string; changeKey?: string; singleValueExtendedProperties?: Array<{ id: string; value: string }> }>(caller, path);
    return events.map((event) => ({
      id: event.id,
      changeKey: event.changeKey,
      properties: Object.fromEntries((event.singleValueExtendedProperties ?? []).map((property) => [property.id, property.value])),
    }));
  }

  async listInstances(caller: Caller, params: { calendar: CalendarRef; eventId: string; start: Date; end: Date }): Promise<EventInstance[]> {
    const path = withQuery(`${eventPath(params.calendar, params.eventId)}/instances`, {
      startDateTime: params.start.toISOString(),
      endDateTime: params.end.toISOString(),
      $select: 'id,originalStart,changeKey',
      $top: 100,
    });
    const instances = await this.deps.api.getAll<{ id: string; originalStart?: string; changeKey?: string }>(caller, path);
    return instances.map((instance) => ({ id: instance.id, originalStart: new Date(instance.originalStart ?? 0).toISOString(), changeKey: instance.changeKey }));
  }

  async writeEvents(caller: Caller, operations: EventOperation[]): Promise<Array<Outcome<WrittenEvent>>> {
    const outcomes = new Array<Outcome<WrittenEvent> | undefined>(operations.length);
    let pending = operations.map((_, index) => index);
    let waitedMs = 0;
    for (let retriesSoFar = 0; pending.length > 0; retriesSoFar += 1) {
      const retry: number[] = [];
      const retryAfter: Array<string | undefined> = [];
      for (let start = 0; start < pending.length; start += batchSize) {
        const chunk = pending.slice(start, start + batchSize);
        const answers = await this.sendBatch(caller, operations, chunk);
        for (const index of chunk) {
          const answer = answers.get(index);
          // 424: its chain stopped before it, so it was not attempted.
          if (!answer || this.policy.isRetryable(answer.status, 'PATCH') || answer.status === 424) {
            retry.push(index);
            retryAfter.push(headerOf(answer?.headers, 'retry-after'));
          } else {
            outcomes[index] = this.outcome(operations[index], answer);
          }
        }
      }
      if (retry.length === 0) break;
      const decision = this.policy.decide({ retriesSoFar, retryAfter, waitedMs });
      if (!decision.retry) {
        for (const index of retry) {
          outcomes[index] = { ok: false, error: this.policy.giveUp({ status: 429, retryAfterMs: decision.retryAfterMs, attempts: retriesSoFar + 1, what: 'Graph event write' }) };
        }
        break;
      }
      await this.policy.sleep(decision.delayMs);
      waitedMs += decision.delayMs;
      pending = retry;
    }
    return outcomes.map((outcome) => outcome ?? { ok: false, error: new GraphError('unavailable', 'Graph event write not sent') });
  }

  /** One `$batch`: the requests dealt round-robin into 4 dependsOn chains, so at most 4 run at once. */
  private async sendBatch(caller: Caller, operations: EventOperation[], indexes: number[]): Promise<Map<number, InnerAnswer>> {
    const inner = indexes.map((index) => innerRequest(operations[index], String(index)));
    const urls = await this.deps.api.wirePaths(caller, inner.map((request) => String(request.url)));
    const requests = inner.map((request, position) => {
      const previous = position >= chains ? indexes[position - chains] : undefined;
      const wired = { ...request, url: urls[position] };
      return previous === undefined ? wired : { ...wired, dependsOn: [String(previous)] };
    });
    const answers: InnerAnswer[] = await this.deps.api.batch(caller, requests);
    return new Map(answers.map((response) => [Number(response.id), response]));
  }

  private outcome(operation: EventOperation, answer: InnerAnswer): Outcome<WrittenEvent> {
    if (answer.status >= 200 && answer.status < 300) return { ok: true, value: { id: answer.body?.id, changeKey: answer.body?.changeKey } };
    if (operation.op === 'delete' && answer.status === 404) return { ok: true, value: {} };
    const error = answer.body?.error;
    const path = operation.op === 'create' ? eventsPath(operation.calendar) : eventPath(operation.calendar, operation.eventId);
    const { clientRequestId, requestId } = answer;
    return { ok: false, error: graphErrorFromResponse({ status: answer.status, code: error?.code, message: error?.message, method: operation.op, path, clientRequestId, requestId }) };
  }
}
