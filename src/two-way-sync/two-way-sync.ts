import type { Logger } from 'pino';
import { CalDavClient, type CalDavCredentials } from '../caldav/caldav-client';
import { isCalDavError, type CalDavProblem } from '../caldav/caldav-error';
import { readObject } from '../caldav/ics-object';
import { icsOf } from '../caldav/ics-writer';
import type { Clock } from '../clock';
import type { FeedGraphAccess } from '../feeds/feed-graph-access';
import { nextRunAfterFailure, nextRunAfterSuccess, shouldPause } from '../feeds/feed-timing';
import type { Caller } from '../graph/calendar-gateway';
import type { CalendarRef } from '../graph/event-gateway';
import { isGraphError } from '../graph/graph-error';
import { readCalDavSide, type CalDavItem, type CalDavSnapshot } from './caldav-side';
import { decide, type Decision } from './decide';
import type { OutlookCalendar, OutlookItem } from './outlook-calendar';
import { hashOf, type SyncEvent } from './sync-event';
import type { SyncItemStatus, SyncPair, SyncPairStore, SyncRunReport } from './sync-pair-store';

/** Why a sync stopped, in the words the owner is told (sync locale `problems.*`). */
export type SyncProblem = CalDavProblem | 'outlookEmptied' | 'caldavEmptied' | 'outlookGone' | 'graphBusy' | 'graphRefused';

export type TwoWayOutcome = { status: 'busy' } | { status: 'synced'; report: SyncRunReport } | { status: 'failed'; problem: SyncProblem; paused: boolean };

export interface TwoWaySyncDeps {
  store: SyncPairStore;
  outlook: OutlookCalendar;
  graphAccess: FeedGraphAccess;
  clock: Clock;
  /** This process, as lease owner. */
  instanceId: string;
  /** Opens the CalDAV account (tests count its requests). */
  connect?: (credentials: CalDavCredentials) => Promise<CalDavClient>;
  random?: () => number;
  logger?: Logger;
  windowPastDays?: number;
  windowFutureDays?: number;
  /** Minutes between two syncs of a pair. */
  intervalMinutes?: number;
  onPaused?: (pair: SyncPair, problem: SyncProblem) => Promise<void>;
  /** Tests only: runs before each write, to play a server stopping in the middle of a sync. */
  beforeWrite?: (side: 'outlook' | 'caldav') => Promise<void>;
}

const leaseMs = 10 * 60_000;
const emptyReport = (): SyncRunReport => ({ toOutlook: { created: 0, updated: 0, deleted: 0 }, toCaldav: { created: 0, updated: 0, deleted: 0 }, matched: 0, conflicts: [], skipped: [] });
const fileNameOf = (uid: string): string => `${uid.replace(/[^A-Za-z0-9@._-]/g, '_').slice(0, 120)}.ics`;

class EmptiedSide extends Error {
  constructor(readonly side: 'outlook' | 'caldav') {
    super(`${side} side emptied`);
  }
}

/**
 * One sync of one pair (vdirsyncer's algorithm): lease, read both sides, decide per UID against the
 * status, write, record the status after every write (an interrupted run loses nothing: the next one
 * converges). A side that suddenly holds nothing stops the sync until its owner confirms.
 */
export class TwoWaySync {
  constructor(private readonly deps: TwoWaySyncDeps) {}

  async sync(pairId: string, options: { confirmEmptied?: boolean } = {}): Promise<TwoWayOutcome> {
    const { store, instanceId } = this.deps;
    if (!(await store.tryLease(pairId, instanceId, leaseMs))) return { status: 'busy' };
    try {
      const pair = await store.get(pairId);
      if (!pair) return { status: 'busy' };
      return await this.run(pair, options.confirmEmptied ?? false);
    } finally {
      await store.releaseLease(pairId, instanceId);
    }
  }

  /** Before the first sync: how many events would go each way and how many are the same event on both sides (UID / iCalUId). */
  async preview(pairId: string): Promise<{ toOutlook: number; toCaldav: number; matched: number; unsupported: number }> {
    const pair = (await this.deps.store.get(pairId)) as SyncPair;
    const client = await this.connect({ serverUrl: pair.serverUrl, userName: pair.userName, password: await this.deps.store.passwordOf(pair.id) });
    const window = this.window(this.deps.clock.now());
    const caldav = await readCalDavSide(client, pair.caldav.calendarUrl, {}, new Map(), { floatingZone: 'UTC', window });
    const caller = await this.deps.graphAccess.callerFor(pair.ownerId);
    const outlook = await this.deps.outlook.read(caller, { calendarId: pair.outlook.calendarId, ownerAddress: pair.outlook.ownerAddress }, window);
    const inside = (event: SyncEvent | undefined) => !!event && inWindow(event, window);
    const matched = [...outlook.keys()].filter((uid) => caldav.items.has(uid)).length;
    const toCaldav = pair.direction === 'toOutlook' ? 0 : [...outlook.values()].filter((item) => !caldav.items.has(item.uid) && inside(item.event)).length;
    const toOutlook = pair.direction === 'toCaldav' ? 0 : [...caldav.items.values()].filter((item) => !outlook.has(item.uid) && inside(item.event)).length;
    return { toOutlook, toCaldav, matched, unsupported: caldav.skipped.length };
  }

  /** Removing a pair: the events it synced are kept, or deleted on one side (the other keeps them). */
  async removePair(pairId: string, deleteOn: 'none' | 'outlook' | 'caldav'): Promise<void> {
    const { store } = this.deps;
    const pair = await store.get(pairId);
    if (!pair) return;
    if (deleteOn !== 'none') {
      const items = [...(await store.items(pair.id)).values()];
      if (deleteOn === 'outlook') {
        const caller = await this.deps.graphAccess.callerFor(pair.ownerId);
        const calendar = { calendarId: pair.outlook.calendarId, ownerAddress: pair.outlook.ownerAddress };
        for (const item of items) if (item.graph) await this.deps.outlook.delete(caller, calendar, item.graph.id);
      } else {
        const client = await this.connect({ serverUrl: pair.serverUrl, userName: pair.userName, password: await store.passwordOf(pair.id) });
        for (const item of items) if (item.caldav) await client.delete(item.caldav.href, '');
      }
    }
    await store.remove(pair.id);
  }

  /** Every active pair whose time has come, one after the other (each under its own lease). */
  async runDue(): Promise<Array<{ pairId: string; outcome: TwoWayOutcome }>> {
    const due = await this.deps.store.listDue(this.deps.clock.now());
    const results: Array<{ pairId: string; outcome: TwoWayOutcome }> = [];
    for (const pair of due) results.push({ pairId: pair.id, outcome: await this.sync(pair.id) });
    return results;
  }

  /** The window new events must fall in to be copied (series always are). */
  window(now: Date): { start: Date; end: Date } {
    return { start: new Date(now.getTime() - (this.deps.windowPastDays ?? 30) * 86400_000), end: new Date(now.getTime() + (this.deps.windowFutureDays ?? 365) * 86400_000) };
  }

  async connect(credentials: CalDavCredentials): Promise<CalDavClient> {
    return (this.deps.connect ?? ((given) => CalDavClient.connect(given)))(credentials);
  }

  private async run(pair: SyncPair, confirmEmptied: boolean): Promise<TwoWayOutcome> {
    const { store, clock } = this.deps;
    const now = clock.now();
    await store.update(pair.id, { lastAttemptAt: now.toISOString() });
    const report = emptyReport();
    try {
      const client = await this.connect({ serverUrl: pair.serverUrl, userName: pair.userName, password: await store.passwordOf(pair.id) });
      const caller = await this.deps.graphAccess.callerFor(pair.ownerId);
      const calendar: CalendarRef = { calendarId: pair.outlook.calendarId, ownerAddress: pair.outlook.ownerAddress };
      const window = this.window(now);
      const status = await store.items(pair.id);
      const caldav = await readCalDavSide(client, pair.caldav.calendarUrl, { ctag: pair.ctag, syncToken: pair.syncToken }, status, { floatingZone: 'UTC', window });
      const outlook = await this.deps.outlook.read(caller, calendar, window);
      if (!confirmEmptied) this.refuseEmptied(status, outlook, caldav);
      const run = new PairRun({ ...this.deps, client, caller, calendar, pair, status, caldav, outlookNow: outlook, window, report, now });
      await run.apply();
      if (run.outlookWritten.size > 0) await run.refreshOutlookStatus();
      report.skipped.push(...caldav.skipped);
      await this.succeeded(pair, report, report.skipped.length ? {} : caldav.state);
      return { status: 'synced', report };
    } catch (error) {
      if (error instanceof EmptiedSide) return this.failed(pair, error.side === 'outlook' ? 'outlookEmptied' : 'caldavEmptied', true);
      if (isCalDavError(error)) return this.failed(pair, error.problem === 'preconditionFailed' ? 'serverError' : error.problem);
      if (isGraphError(error)) return this.failed(pair, error.reason === 'notFound' ? 'outlookGone' : ['forbidden', 'unauthenticated', 'consentRequired'].includes(error.reason) ? 'graphRefused' : 'graphBusy');
      throw error;
    }
  }

  /** vdirsyncer's safety: one side empty while the status says it held items means stop and ask, not delete everything. */
  private refuseEmptied(status: Map<string, SyncItemStatus>, outlook: Map<string, OutlookItem>, caldav: CalDavSnapshot): void {
    const known = [...status.values()];
    if (known.some((item) => item.caldav) && caldav.items.size === 0 && outlook.size > 0) throw new EmptiedSide('caldav');
    if (known.some((item) => item.graph) && outlook.size === 0 && caldav.items.size > 0) throw new EmptiedSide('outlook');
  }

  private async succeeded(pair: SyncPair, report: SyncRunReport, state: { ctag?: string; syncToken?: string }): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.update(pair.id, {
      ...('ctag' in state || 'syncToken' in state ? { ctag: state.ctag, syncToken: state.syncToken } : {}),
      lastReport: report,
      lastSuccessAt: now.toISOString(),
      nextRunAt: nextRunAfterSuccess(now, this.deps.intervalMinutes ?? 15, this.deps.random ?? Math.random).toISOString(),
      failures: 0,
      lastProblem: undefined,
    });
  }

  private async failed(pair: SyncPair, problem: SyncProblem, pauseNow = false): Promise<TwoWayOutcome> {
    const now = this.deps.clock.now();
    const failures = pair.failures + 1;
    const paused = pauseNow || shouldPause(problem === 'unreachable' || problem === 'serverError' ? 'network' : problem, failures);
    await this.deps.store.update(pair.id, {
      failures,
      lastProblem: problem,
      nextRunAt: nextRunAfterFailure(now, failures).toISOString(),
      ...(paused ? { status: 'paused' as const, pauseReason: problem } : {}),
    });
    this.deps.logger?.warn({ pair: pair.id, problem, failures }, 'two-way sync failed');
    if (paused) await this.deps.onPaused?.({ ...pair, failures, status: 'paused', pauseReason: problem }, problem);
    return { status: 'failed', problem, paused };
  }
}

interface RunContext extends TwoWaySyncDeps {
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

const inWindow = (event: SyncEvent, window: { start: Date; end: Date }): boolean => {
  if (event.content.recurrence) return true;
  const start = event.content.start.dateTime.slice(0, 10);
  return start >= window.start.toISOString().slice(0, 10) && start <= window.end.toISOString().slice(0, 10);
};

/** The writes of one run, UID by UID. */
class PairRun {
  readonly outlookWritten = new Set<string>();

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
      if (!known && a && !b && !inWindow(a.event, window)) continue;
      if (!known && b?.event && !a && !inWindow(b.event, window)) continue;
      if (!known && a && b) report.matched += 1;
      await this.settle(uid, a, b);
    }
  }

  /** Decides and writes one UID; a CalDAV 412 re-reads that object and decides again (3 tries). */
  private async settle(uid: string, a: OutlookItem | undefined, b: CalDavItem | undefined): Promise<void> {
    const { pair, status } = this.context;
    for (let attempt = 0; ; attempt += 1) {
      const decision = decide({
        outlook: a && { version: a.version, hash: a.hash, lastModified: a.event.lastModified },
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
        if (!isCalDavError(error) || error.problem !== 'preconditionFailed' || attempt >= 2) throw error;
        b = await this.reread(uid, b);
      }
    }
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
        if (decision.on === 'outlook' && a) {
          await this.context.beforeWrite?.('outlook');
          await this.context.outlook.delete(this.context.caller, this.context.calendar, a.id);
          report.toOutlook.deleted += 1;
        } else if (decision.on === 'caldav' && b) {
          await this.context.beforeWrite?.('caldav');
          await this.context.client.delete(b.href, b.etag);
          report.toCaldav.deleted += 1;
        }
        return store.removeItem(pair.id, uid);
      case 'copy':
        if (decision.conflict && a && b) report.conflicts.push({ uid, subject: a.event.content.subject, kept: decision.to === 'caldav' ? 'outlook' : 'caldav' });
        if (decision.to === 'caldav' && a) return this.copyToCaldav(uid, a, b);
        if (decision.to === 'outlook' && b) return this.copyToOutlook(uid, await this.withEvent(b), a);
    }
  }

  private async copyToCaldav(uid: string, a: OutlookItem, b: CalDavItem | undefined): Promise<void> {
    const { client, pair, report, now } = this.context;
    const ics = icsOf({ ...a.event, uid }, now);
    const read = await readObject(ics, { floatingZone: 'UTC', window: this.context.window });
    const hash = read.ok ? hashOf(read.event) : a.hash;
    await this.context.beforeWrite?.('caldav');
    const written = b ? await client.update(pair.caldav.calendarUrl, b.href, b.etag, ics) : await client.create(pair.caldav.calendarUrl, fileNameOf(uid), ics);
    if (b) report.toCaldav.updated += 1;
    else report.toCaldav.created += 1;
    await this.record(uid, { id: a.id, version: a.version, hash: a.hash }, { href: written.href, etag: written.etag, hash });
  }

  private async copyToOutlook(uid: string, b: CalDavItem, a: OutlookItem | undefined): Promise<void> {
    const { outlook, caller, calendar, pair, report } = this.context;
    const event = b.event as SyncEvent;
    await this.context.beforeWrite?.('outlook');
    let id: string;
    if (a) {
      await outlook.update(caller, calendar, a.id, event);
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

  private async withEvent(b: CalDavItem): Promise<CalDavItem> {
    if (b.event) return b;
    const fresh = await this.reread(b.uid, b);
    if (!fresh) throw new Error('CalDAV object vanished during the sync');
    return fresh;
  }

  private async record(uid: string, graph: SyncItemStatus['graph'], caldav: SyncItemStatus['caldav']): Promise<void> {
    const item: SyncItemStatus = { uid, graph, caldav };
    this.context.status.set(uid, item);
    await this.context.store.putItem(this.context.pair.id, item);
  }

  /** After writing to Outlook: the change keys (and Graph's own reading of the content) of what was written. */
  async refreshOutlookStatus(): Promise<void> {
    const { outlook, caller, calendar, window, status, store, pair } = this.context;
    const now = await outlook.read(caller, calendar, window);
    for (const uid of this.outlookWritten) {
      const item = now.get(uid);
      const known = status.get(uid);
      if (!item || !known) continue;
      const updated: SyncItemStatus = { ...known, graph: { id: item.id, version: item.version, hash: item.hash } };
      await store.putItem(pair.id, updated);
    }
  }
}
