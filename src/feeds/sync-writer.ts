import type { Caller } from '../graph/calendar-gateway';
import type { CalendarEventsGateway, CalendarRef, EventOperation, WrittenEvent } from '../graph/event-gateway';
import { isGraphError } from '../graph/graph-error';
import type { MappedEvent } from '../ical/graph-event-mapping';
import type { FeedItem, FeedStore } from './feed-store';
import { transactionIdOf, type SyncPlan, type SyncUnit } from './sync-plan';

/** The single-value extended properties that mark an event as this feed's (filterable in Graph). */
const propertySet = '{5f6b1d3e-2c4a-4e8b-9a7d-3c2b1a0f9e8d}';
export const feedProperty = `String ${propertySet} Name CsaFeedId`;
export const keyProperty = `String ${propertySet} Name CsaFeedKey`;
export const hashProperty = `String ${propertySet} Name CsaFeedHash`;

/** Writes are persisted after each chunk, so a stopped process loses at most one chunk of bookkeeping. */
const chunkSize = 20;

export interface WriteContext {
  feedId: string;
  /** Changes at each successful sync: transactionIds of a retried sync stay the same, a later one differs. */
  generation: string;
  caller: Caller;
  calendar: CalendarRef;
  /** Called after each persisted chunk (lease renewal; tests stop the process here). */
  afterChunk: () => Promise<void>;
}

export interface WriteResult {
  added: number;
  changed: number;
  removed: number;
  /** Keys whose write failed: retried at the next sync. */
  failed: string[];
  /** Series written with exceptions: their changeKey after the exceptions is read afterwards. */
  unknownChangeKeys: number;
  /** A failure that is not about one event (throttled for good, calendar gone). */
  error?: Error;
}

type Step = { operation: EventOperation; done: (written: WrittenEvent) => Promise<void>; key: string };

/** Applies a sync plan to Graph and records each success in the store as it lands. */
export class SyncWriter {
  constructor(
    private readonly gateway: CalendarEventsGateway,
    private readonly store: FeedStore,
  ) {}

  async apply(plan: SyncPlan, context: WriteContext): Promise<WriteResult> {
    const result: WriteResult = { added: 0, changed: 0, removed: 0, failed: [], unknownChangeKeys: 0 };
    const { feedId, calendar } = context;
    const created: Array<{ unit: SyncUnit; id: string }> = [];
    const create = (unit: SyncUnit, counted: 'added' | 'changed'): Step => ({
      key: unit.event.key,
      operation: {
        op: 'create',
        calendar,
        event: unit.event.content,
        transactionId: transactionIdOf(`${feedId}\u0000${context.generation}`, unit),
        properties: { [feedProperty]: feedId, [keyProperty]: unit.event.key, [hashProperty]: unit.hash },
      },
      done: async ({ id, changeKey = '' }) => {
        if (!id) return;
        // A series gets its exceptions next; its hash is recorded once they are in (and they change its changeKey).
        const withExceptions = unit.isSeries && unit.event.exceptions.length > 0;
        await this.store.putItem(feedId, { key: unit.event.key, eventId: id, hash: withExceptions ? '' : unit.hash, isSeries: unit.isSeries, changeKey: withExceptions ? '' : changeKey });
        if (unit.isSeries && unit.event.exceptions.length) created.push({ unit, id });
        result[counted] += 1;
      },
    });
    const remove = (item: FeedItem, count: boolean): Step => ({
      key: item.key,
      operation: { op: 'delete', calendar, eventId: item.eventId },
      done: async () => {
        if (count) {
          await this.store.removeItem(feedId, item.key);
          result.removed += 1;
        }
      },
    });
    const steps: Step[] = [
      ...plan.create.map((unit) => create(unit, 'added')),
      ...plan.update.map(({ unit, item }): Step => ({
        key: unit.event.key,
        operation: { op: 'update', calendar, eventId: item.eventId, event: unit.event.content },
        done: async ({ changeKey = '' }) => {
          await this.store.putItem(feedId, { ...item, hash: unit.hash, changeKey });
          result.changed += 1;
        },
      })),
      // A changed series: the old one goes, the new one comes with its exceptions.
      ...plan.replace.map(({ item }) => remove(item, false)),
      ...plan.replace.map(({ unit }) => create(unit, 'changed')),
      ...plan.remove.map((item) => remove(item, true)),
    ];
    await this.run(steps, context, result);
    for (const { unit, id } of created) await this.applyExceptions(unit, id, context, result);
    return result;
  }

  private async run(steps: Step[], context: WriteContext, result: WriteResult): Promise<void> {
    for (let start = 0; start < steps.length && !result.error; start += chunkSize) {
      const chunk = steps.slice(start, start + chunkSize);
      const outcomes = await this.gateway.writeEvents(context.caller, chunk.map((step) => step.operation));
      for (let index = 0; index < chunk.length; index++) {
        const outcome = outcomes[index];
        if (outcome.ok) await chunk[index].done(outcome.value);
        else {
          result.failed.push(chunk[index].key);
          if (isGraphError(outcome.error) && ['throttled', 'unavailable', 'forbidden', 'unauthenticated', 'consentRequired'].includes(outcome.error.reason)) result.error = outcome.error;
          if (isGraphError(outcome.error) && outcome.error.reason === 'notFound' && chunk[index].operation.op === 'create') result.error = outcome.error;
        }
      }
      await context.afterChunk();
    }
  }

  /** Deletes the cancelled occurrences of a new series and changes the moved or edited ones. */
  private async applyExceptions(unit: SyncUnit, seriesId: string, context: WriteContext, result: WriteResult): Promise<void> {
    const event: MappedEvent = unit.event;
    const starts = event.exceptions.map((exception) => Date.parse(exception.originalStart));
    const day = 86400_000;
    try {
      const instances = await this.gateway.listInstances(context.caller, {
        calendar: context.calendar,
        eventId: seriesId,
        start: new Date(Math.min(...starts) - day),
        end: new Date(Math.max(...starts) + day),
      });
      const byStart = new Map(instances.map((instance) => [instance.originalStart, instance.id]));
      const operations: EventOperation[] = [];
      for (const exception of event.exceptions) {
        const id = byStart.get(new Date(exception.originalStart).toISOString());
        if (!id) continue;
        operations.push(exception.cancelled ? { op: 'delete', calendar: context.calendar, eventId: id } : { op: 'update', calendar: context.calendar, eventId: id, event: exception.content });
      }
      const outcomes = operations.length ? await this.gateway.writeEvents(context.caller, operations) : [];
      if (outcomes.every((outcome) => outcome.ok)) {
        await this.store.putItem(context.feedId, { key: event.key, eventId: seriesId, hash: unit.hash, isSeries: true, changeKey: '' });
        result.unknownChangeKeys += 1;
      } else result.failed.push(event.key);
    } catch (error) {
      result.failed.push(event.key);
      if (error instanceof Error) result.error = error;
    }
  }
}
