import type { CalDavClient } from '../caldav/caldav-client';
import { isCalDavError } from '../caldav/caldav-error';
import { readObject } from '../caldav/ics-object';
import { icsOf } from '../caldav/ics-writer';
import type { Caller } from '../graph/calendar-gateway';
import { isGraphError } from '../graph/graph-error';
import type { CalendarRef, EventOperation } from '../graph/event-gateway';
import type { CalDavItem, CalDavSnapshot } from './caldav-side';
import { decide, type Decision } from './decide';
import type { ListedOutlookItem, OutlookItem } from './outlook-calendar';
import { hashOf, type SyncEvent } from './sync-event';
import type { SyncItemStatus, SyncPair, SyncRunReport } from './sync-pair-store';
import type { TwoWaySyncDeps } from './two-way-sync';

/** How long a sync holds its pair; renewed while it writes. */
export const leaseMs = 10 * 60_000;
const fileNameOf = (uid: string): string => `${uid.replace(/[^A-Za-z0-9@._-]/g, '_').slice(0, 120)}.ics`;

export interface RunContext extends TwoWaySyncDeps {
  client: CalDavClient;
  caller: Caller;
  calendar: CalendarRef;
  pair: SyncPair;
  status: Map<string, SyncItemStatus>;
  caldav: CalDavSnapshot;
  outlookNow: Map<string, OutlookItem>;
  window: { start: Date; end: Date };
  report: SyncRunReport;
  now: Date;
}

export const inWindow = (event: SyncEvent, window: { start: Date; end: Date }): boolean => {
  if (event.content.recurrence) return true;
  const start = event.content.start.dateTime.slice(0, 10);
  return start >= window.start.toISOString().slice(0, 10) && start <= window.end.toISOString().slice(0, 10);
};

/** An Outlook write waiting for its `$batch`; `done` records it once Graph said yes. */
interface QueuedWrite {
  uid: string;
  operation: EventOperation;
  b: CalDavItem | undefined;
  done: (id: string | undefined) => Promise<void>;
}

/** Outlook writes of events without exceptions are sent together, 20 to a `$batch`. */
const batchOf = 20;

/** The writes of one run, UID by UID. */
export class PairRun {
  /** UIDs created or updated in Outlook. */
  readonly outlookWritten = new Set<string>();
  /** Graph ids and CalDAV hrefs this run deleted: their removal seen afterwards is our own. */
  readonly outlookDeleted = new Set<string>();
  readonly caldavDeleted = new Set<string>();
  private writes = 0;
  private queue: QueuedWrite[] = [];
  /** Off while a 412 is settled again: that one write goes alone, with its own retries. */
  private batching = true;

  constructor(private readonly context: RunContext) {}

  async apply(): Promise<void> {
    const { status, caldav, outlookNow, window, report } = this.context;
    const skipped = new Set(caldav.skipped);
    const uids = new Set([...outlookNow.keys(), ...caldav.items.keys(), ...status.keys()]);
    for (const uid of [...uids].sort()) {
      if (skipped.has(uid)) continue;
      const known = status.get(uid);
      const a = outlookNow.get(uid);
      const b = caldav.items.get(uid);
      // New events outside the window are left alone on both sides.
      if (!known && a?.event && !b && !inWindow(a.event, window)) continue;
      if (!known && b?.event && !a && !inWindow(b.event, window)) continue;
      if (!known && a && b) report.matched += 1;
      await this.settle(uid, a, b);
      if (this.queue.length >= batchOf) await this.flush();
    }
    await this.flush();
  }

  /** Sends the queued Outlook writes; a 412 re-reads that event and settles it again, alone. */
  private async flush(): Promise<void> {
    const queued = this.queue;
    this.queue = [];
    if (queued.length === 0) return;
    const { outlook, caller } = this.context;
    const outcomes = await outlook.writeMany(caller, queued.map((write) => write.operation));
    let failure: Error | undefined;
    for (const [index, write] of queued.entries()) {
      const outcome = outcomes[index];
      if (outcome.ok) await write.done(outcome.value.id);
      else if (isGraphError(outcome.error) && outcome.error.status === 412) await this.alone(() => this.rereadOutlook(write.uid).then((a) => this.settle(write.uid, a, write.b)));
      else failure ??= outcome.error;
    }
    if (failure) throw failure;
  }

  private async alone(work: () => Promise<void>): Promise<void> {
    this.batching = false;
    try {
      await work();
    } finally {
      this.batching = true;
    }
  }

  /** Decides and writes one UID; a CalDAV 412 re-reads that object and decides again (3 tries). */
  private async settle(uid: string, a: OutlookItem | undefined, b: CalDavItem | undefined): Promise<void> {
    const { pair, status } = this.context;
    for (let attempt = 0; ; attempt += 1) {
      const decision = decide({
        outlook: a && { version: a.version, hash: a.hash, lastModified: a.event?.lastModified },
        caldav: b && { version: b.etag, hash: b.hash, lastModified: b.event?.lastModified },
        status: status.get(uid),
        sameContent: !!a && !!b && a.hash === b.hash,
        policy: pair.policy,
        direction: pair.direction,
      });
      try {
        await this.perform(uid, decision, a, b);
        return;
      } catch (error) {
        if (attempt >= 2) throw error;
        if (isCalDavError(error) && error.problem === 'preconditionFailed') b = await this.reread(uid, b);
        // Graph 412: the Outlook event changed since it was read (its changeKey no longer matches).
        else if (isGraphError(error) && error.status === 412) a = await this.rereadOutlook(uid);
        else throw error;
      }
    }
  }

  private async rereadOutlook(uid: string): Promise<ListedOutlookItem | undefined> {
    const { outlook, caller, calendar, window } = this.context;
    const fresh = (await outlook.read(caller, calendar, window)).get(uid);
    if (fresh) this.context.outlookNow.set(uid, fresh);
    else this.context.outlookNow.delete(uid);
    return fresh;
  }

  private async reread(uid: string, b: CalDavItem | undefined): Promise<CalDavItem | undefined> {
    const { client, pair } = this.context;
    const href = b?.href ?? new URL(fileNameOf(uid), pair.caldav.calendarUrl).href;
    const [object] = await client.fetchObjects(pair.caldav.calendarUrl, [href]);
    if (!object) return undefined;
    const read = await readObject(object.data, { floatingZone: 'UTC', window: this.context.window });
    if (!read.ok) throw new Error('CalDAV object became unreadable during the sync');
    return { uid, href, etag: object.etag, hash: hashOf(read.event), event: read.event };
  }

  private async perform(uid: string, decision: Decision, a: OutlookItem | undefined, b: CalDavItem | undefined): Promise<void> {
    const { store, pair, report } = this.context;
    switch (decision.action) {
      case 'none':
        return;
      case 'forget':
        return store.removeItem(pair.id, uid);
      case 'record':
        return this.record(uid, a && { id: a.id, version: a.version, hash: a.hash }, b && { href: b.href, etag: b.etag, hash: b.hash });
      case 'delete':
        if (decision.on === 'outlook' && a && this.batching) {
          await this.beforeWrite('outlook');
          this.queue.push({ uid, b, operation: { op: 'delete', calendar: this.context.calendar, eventId: a.id, ifMatch: a.changeKey }, done: async () => {
            report.toOutlook.deleted += 1;
            this.outlookDeleted.add(a.id);
            await store.removeItem(pair.id, uid);
          } });
          return;
        } else if (decision.on === 'outlook' && a) {
          await this.beforeWrite('outlook');
          await this.context.outlook.delete(this.context.caller, this.context.calendar, a.id, a.changeKey);
          report.toOutlook.deleted += 1;
          this.outlookDeleted.add(a.id);
        } else if (decision.on === 'caldav' && b) {
          await this.beforeWrite('caldav');
          await this.context.client.delete(b.href, b.etag);
          report.toCaldav.deleted += 1;
          this.caldavDeleted.add(b.href);
        }
        return store.removeItem(pair.id, uid);
      case 'copy':
        if (decision.conflict && a && b) report.conflicts.push({ uid, subject: a.event?.content.subject ?? b.event?.content.subject ?? '', kept: decision.to === 'caldav' ? 'outlook' : 'caldav' });
        if (decision.to === 'caldav' && a) return this.copyToCaldav(uid, await this.withOutlookEvent(a), b);
        if (decision.to === 'outlook' && b) return this.copyToOutlook(uid, await this.withEvent(b), a);
    }
  }

  private async copyToCaldav(uid: string, a: ListedOutlookItem, b: CalDavItem | undefined): Promise<void> {
    const { client, pair, report, now } = this.context;
    const ics = icsOf({ ...a.event, uid }, now);
    const read = await readObject(ics, { floatingZone: 'UTC', window: this.context.window });
    const hash = read.ok ? hashOf(read.event) : a.hash;
    await this.beforeWrite('caldav');
    const written = b ? await client.update(pair.caldav.calendarUrl, b.href, b.etag, ics) : await client.create(pair.caldav.calendarUrl, fileNameOf(uid), ics);
    if (b) report.toCaldav.updated += 1;
    else report.toCaldav.created += 1;
    await this.record(uid, { id: a.id, version: a.version, hash: a.hash }, { href: written.href, etag: written.etag, hash });
  }

  private async copyToOutlook(uid: string, b: CalDavItem, a: OutlookItem | undefined): Promise<void> {
    const { outlook, caller, calendar, pair, report } = this.context;
    const event = b.event as SyncEvent;
    await this.beforeWrite('outlook');
    if (this.batching && event.exceptions.length === 0) {
      const operation: EventOperation = a ? { op: 'update', calendar, eventId: a.id, event: event.content, ifMatch: a.changeKey } : outlook.createOperation(calendar, event, pair.id);
      this.queue.push({ uid, b, operation, done: async (created) => {
        const id = a?.id ?? created;
        if (!id) throw new Error('Graph created an event without an id');
        if (a) report.toOutlook.updated += 1;
        else report.toOutlook.created += 1;
        this.outlookWritten.add(uid);
        await this.record(uid, { id, version: '', hash: hashOf(event) }, { href: b.href, etag: b.etag, hash: b.hash });
      } });
      return;
    }
    let id: string;
    if (a) {
      await outlook.update(caller, calendar, a.id, event, a.changeKey);
      id = a.id;
      report.toOutlook.updated += 1;
    } else {
      id = await outlook.create(caller, calendar, event, pair.id);
      report.toOutlook.created += 1;
    }
    this.outlookWritten.add(uid);
    // The version is learnt from the listing at the end of the run; the hash already says "ours".
    await this.record(uid, { id, version: '', hash: hashOf(event) }, { href: b.href, etag: b.etag, hash: b.hash });
  }

  /** An Outlook item known only from the status (nothing changed in Outlook) is read when its content is needed. */
  private async withOutlookEvent(a: OutlookItem): Promise<ListedOutlookItem> {
    if (a.event) return { ...a, event: a.event };
    const fresh = await this.rereadOutlook(a.uid);
    if (!fresh) throw new Error('Outlook event vanished during the sync');
    return fresh;
  }

  private async withEvent(b: CalDavItem): Promise<CalDavItem> {
    if (b.event) return b;
    const fresh = await this.reread(b.uid, b);
    if (!fresh) throw new Error('CalDAV object vanished during the sync');
    return fresh;
  }

  /** A long first sync keeps its lease: renewed every 50 writes, so no second instance starts on the pair. */
  private async beforeWrite(side: 'outlook' | 'caldav'): Promise<void> {
    this.writes += 1;
    if (this.writes % 50 === 0) await this.context.store.tryLease(this.context.pair.id, this.context.instanceId, leaseMs);
    await this.context.beforeWrite?.(side);
  }

  private async record(uid: string, graph: SyncItemStatus['graph'], caldav: SyncItemStatus['caldav']): Promise<void> {
    const item: SyncItemStatus = { uid, graph, caldav };
    this.context.status.set(uid, item);
    await this.context.store.putItem(this.context.pair.id, item);
  }

  /** After writing to Outlook: the change keys (and Graph's own reading of the content) of what was written; returns the listing. */
  async refreshOutlookStatus(): Promise<Map<string, ListedOutlookItem>> {
    const { outlook, caller, calendar, window, status, store, pair } = this.context;
    const now = await outlook.read(caller, calendar, window);
    for (const uid of this.outlookWritten) {
      const item = now.get(uid);
      const known = status.get(uid);
      if (!item || !known) continue;
      const updated: SyncItemStatus = { ...known, graph: { id: item.id, version: item.version, hash: item.hash } };
      status.set(uid, updated);
      await store.putItem(pair.id, updated);
    }
    return now;
  }

  /** Graph ids whose change or removal, seen after this run, is the run's own writing. */
  ownOutlookIds(listed: Map<string, ListedOutlookItem>): Set<string> {
    const ids = new Set(this.outlookDeleted);
    for (const uid of this.outlookWritten) {
      const item = listed.get(uid);
      if (!item) continue;
      ids.add(item.id);
      for (const id of item.instanceIds ?? []) ids.add(id);
    }
    return ids;
  }
}
