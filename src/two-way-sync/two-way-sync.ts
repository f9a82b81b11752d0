import type { Logger } from 'pino';
import { CalDavClient, type CalDavCredentials } from '../caldav/caldav-client';
import { isCalDavError, type CalDavProblem } from '../caldav/caldav-error';
import type { Clock } from '../clock';
import type { FeedGraphAccess } from '../feeds/feed-graph-access';
import { nextRunAfterFailure, nextRunAfterSuccess, shouldPause } from '../feeds/feed-timing';
import type { CalendarRef } from '../graph/event-gateway';
import { isGraphError } from '../graph/graph-error';
import { readCalDavSide, stateAfterOwnWrites, type CalDavSnapshot } from './caldav-side';
import { inWindow, leaseMs, PairRun } from './pair-run';
import type { OutlookCalendar, OutlookItem } from './outlook-calendar';
import { OutlookDelta } from './outlook-delta';
import type { SyncEvent } from './sync-event';
import type { GraphDeltaState, SyncItemStatus, SyncPair, SyncPairStore, SyncRunReport } from './sync-pair-store';

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

const emptyReport = (): SyncRunReport => ({ toOutlook: { created: 0, updated: 0, deleted: 0 }, toCaldav: { created: 0, updated: 0, deleted: 0 }, matched: 0, conflicts: [], skipped: [] });

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
      const client = await this.connect({ serverUrl: pair.serverUrl, userName: pair.userName, password: await store.passwordOf(pair.id), calendarUrl: pair.caldav.calendarUrl });
      const caller = await this.deps.graphAccess.callerFor(pair.ownerId);
      const calendar: CalendarRef = { calendarId: pair.outlook.calendarId, ownerAddress: pair.outlook.ownerAddress };
      const window = this.window(now);
      const status = await store.items(pair.id);
      const caldav = await readCalDavSide(client, pair.caldav.calendarUrl, { ctag: pair.ctag, syncToken: pair.syncToken }, status, { floatingZone: 'UTC', window });
      const delta = await OutlookDelta.begin(this.deps.outlook, caller, calendar, window, pair.graphDelta);
      const outlook = await delta.items(status, window);
      if (!confirmEmptied) this.refuseEmptied(status, outlook, caldav);
      const run = new PairRun({ ...this.deps, client, caller, calendar, pair, status, caldav, outlookNow: outlook, window, report, now });
      await run.apply();
      const graphDelta = await delta.settle(run);
      const wroteCaldav = report.toCaldav.created + report.toCaldav.updated + report.toCaldav.deleted > 0;
      const caldavState = wroteCaldav ? await stateAfterOwnWrites(client, pair.caldav.calendarUrl, caldav.state, status, run.caldavDeleted) : caldav.state;
      report.skipped.push(...caldav.skipped);
      await this.succeeded(pair, report, report.skipped.length ? {} : caldavState, graphDelta);
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

  private async succeeded(pair: SyncPair, report: SyncRunReport, state: { ctag?: string; syncToken?: string }, graphDelta: GraphDeltaState | undefined): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.update(pair.id, {
      ...('ctag' in state || 'syncToken' in state ? { ctag: state.ctag, syncToken: state.syncToken } : {}),
      graphDelta,
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

