import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { CalendarEventsGateway, CalendarRef } from '../graph/event-gateway';
import { isGraphError } from '../graph/graph-error';
import { mapFeedEvents } from '../ical/graph-event-mapping';
import { IcsError, readIcs } from '../ical/ics-reader';
import type { FeedGraphAccess } from './feed-graph-access';
import { FeedFetchError, type FeedFetcher } from './feed-fetcher';
import type { Feed, FeedStore, SyncReport } from './feed-store';
import { nextRunAfterFailure, nextRunAfterSuccess, shouldPause } from './feed-timing';
import { contentHashOf, planSync, unitsOf } from './sync-plan';
import { SyncWriter } from './sync-writer';
import { CalendarCheck } from './calendar-check';

/** Why a sync failed, in the words the owner is told (feeds locale `problems.*`). */
export type FeedProblem = FeedFetchError['problem'] | IcsError['problem'] | 'emptied' | 'targetGone' | 'graphBusy' | 'graphRefused' | 'signInNeeded';

export type SyncOutcome =
  | { status: 'busy' }
  | { status: 'notModified' }
  | { status: 'unchanged' }
  | { status: 'synced'; report: SyncReport }
  | { status: 'failed'; problem: FeedProblem; paused: boolean };

export interface FeedLimits {
  windowPastDays: number;
  windowFutureDays: number;
  maxEvents: number;
  instancesPerSeries: number;
  expandedPerFeed: number;
}

export const defaultFeedLimits: FeedLimits = { windowPastDays: 30, windowFutureDays: 365, maxEvents: 25_000, instancesPerSeries: 500, expandedPerFeed: 5000 };

export interface FeedSyncDeps {
  store: FeedStore;
  gateway: CalendarEventsGateway;
  fetcher: Pick<FeedFetcher, 'fetch'>;
  graphAccess: FeedGraphAccess;
  clock: Clock;
  /** This process, as lease owner. */
  instanceId: string;
  random?: () => number;
  limits?: Partial<FeedLimits>;
  logger?: Logger;
  /** Told when a feed gets paused after repeated failures. */
  onPaused?: (feed: Feed, problem: FeedProblem) => Promise<void>;
  /** Tests only: runs after each written chunk; throwing `ProcessStopped` plays a process killed there. */
  afterChunk?: () => Promise<void>;
}

/** Thrown by a test seam: the process "dies" with nothing cleaned up (lease held, sync marked dirty). */
export class ProcessStopped extends Error {}

const leaseMs = 5 * 60_000;

/**
 * One sync of one feed: lease, conditional fetch, read, map, diff, write, record. A 304 or an identical
 * file ends it with no Graph call; a file that cannot be read or fetched changes nothing in the
 * calendar; an interrupted sync is reconciled with Graph (extended properties) before writing again.
 */
export class FeedSync {
  private readonly limits: FeedLimits;
  private readonly writer: SyncWriter;
  private readonly check: CalendarCheck;

  constructor(private readonly deps: FeedSyncDeps) {
    this.limits = { ...defaultFeedLimits, ...deps.limits };
    this.writer = new SyncWriter(deps.gateway, deps.store);
    this.check = new CalendarCheck(deps.gateway, deps.store);
  }

  async sync(feedId: string): Promise<SyncOutcome> {
    const { store, instanceId } = this.deps;
    if (!(await store.tryLease(feedId, instanceId, leaseMs))) return { status: 'busy' };
    let stopped = false;
    try {
      const feed = await store.get(feedId);
      if (!feed) return { status: 'unchanged' };
      return await this.run(feed);
    } catch (error) {
      if (error instanceof ProcessStopped) stopped = true;
      throw error;
    } finally {
      if (!stopped) await store.releaseLease(feedId, instanceId);
    }
  }

  private async run(feed: Feed): Promise<SyncOutcome> {
    const { store, clock } = this.deps;
    const now = clock.now();
    await store.update(feed.id, { lastAttemptAt: now.toISOString() });
    await store.resealIfOld(feed.id);
    const secrets = await store.secretsOf(feed.id);
    let text: string;
    let validators: { etag?: string; lastModified?: string };
    try {
      // An interrupted sync needs the content even if the server says nothing changed.
      const conditional = feed.dirty ? {} : { etag: feed.etag, lastModified: feed.lastModified };
      const response = await this.deps.fetcher.fetch({ url: secrets.url, credentials: secrets.credentials, ...conditional });
      if (response.status === 'notModified') {
        await this.succeeded(feed, {});
        return { status: 'notModified' };
      }
      text = response.text;
      validators = { etag: response.etag, lastModified: response.lastModified };
    } catch (error) {
      if (error instanceof FeedFetchError) return this.failed(feed, error.problem);
      throw error;
    }
    let read;
    try {
      read = await readIcs(text, { floatingZone: feed.floatingZone, maxEvents: this.limits.maxEvents });
    } catch (error) {
      if (error instanceof IcsError) return this.failed(feed, error.problem);
      throw error;
    }
    const window = { start: new Date(now.getTime() - this.limits.windowPastDays * 86400_000), end: new Date(now.getTime() + this.limits.windowFutureDays * 86400_000) };
    const mapped = await mapFeedEvents(read, { window, instancesPerSeries: this.limits.instancesPerSeries, expandedPerFeed: this.limits.expandedPerFeed });
    const units = await unitsOf(mapped.events);
    const contentHash = contentHashOf(units);
    const refreshMinutes = read.refreshMinutes;
    if (!feed.dirty && contentHash === feed.contentHash) {
      await this.succeeded(feed, { ...validators, refreshMinutes });
      return { status: 'unchanged' };
    }
    const caller = await this.deps.graphAccess.callerFor(feed.ownerId);
    const calendar: CalendarRef = { calendarId: feed.target.calendarId, ownerAddress: feed.target.ownerAddress };
    let items = await store.items(feed.id);
    if (read.events.length === 0 && items.size > 0) return this.failed(feed, 'emptied');
    await store.update(feed.id, { dirty: true });
    try {
      // The calendar follows the feed: events edited or deleted in Outlook since our last write are written again.
      const found = await this.check.list(caller, calendar, feed.id);
      if (feed.dirty) items = await this.check.reconcile(feed.id, caller, calendar, found);
      const outlook = await this.check.outlookChanges(feed.id, found, items);
      items = outlook.items;
      if (outlook.edited || outlook.deleted) this.deps.logger?.info({ feed: feed.id, edited: outlook.edited, deleted: outlook.deleted }, 'feed events changed in Outlook are restored');
    } catch (error) {
      return this.failed(feed, this.graphProblem(error));
    }
    const unreadable = new Set(read.unreadable.uids);
    // Kept: events of UIDs that could not be read this time, and expanded occurrences the window has left
    // behind (the past stays in the calendar; only the window moves).
    const kept = (key: string) => {
      const [uid, occurrence] = key.split('|');
      return unreadable.has(uid) || (occurrence !== undefined && Date.parse(occurrence) < window.start.getTime());
    };
    const plan = planSync(units, items, kept);
    const written = await this.writer.apply(plan, {
      feedId: feed.id,
      generation: feed.lastSuccessAt ?? feed.id,
      caller,
      calendar,
      afterChunk: async () => {
        await store.tryLease(feed.id, this.deps.instanceId, leaseMs);
        await this.deps.afterChunk?.();
      },
    });
    if (written.error) return this.failed(feed, this.graphProblem(written.error));
    // Not worth failing the sync for: an unknown changeKey is taken from the next listing instead.
    if (written.unknownChangeKeys) await this.check.recordChangeKeys(feed.id, caller, calendar).catch(() => undefined);
    const report: SyncReport = { added: written.added, changed: written.changed, removed: written.removed, warnings: mapped.warnings };
    // Keys that failed keep the sync dirty-free but the content hash unset, so the next run writes them again.
    await this.succeeded(feed, { ...validators, refreshMinutes, contentHash: written.failed.length ? undefined : contentHash, lastReport: report, dirty: false });
    return { status: 'synced', report };
  }

  private graphProblem(error: unknown): FeedProblem {
    if (isGraphError(error) && error.reason === 'notFound') return 'targetGone';
    // No Graph token outside a turn (production, until the background identity exists): not the feed's fault.
    if (isGraphError(error) && ['unauthenticated', 'consentRequired'].includes(error.reason)) return 'signInNeeded';
    if (isGraphError(error) && error.reason === 'forbidden') return 'graphRefused';
    return 'graphBusy';
  }

  private async succeeded(feed: Feed, changes: { etag?: string; lastModified?: string; refreshMinutes?: number; contentHash?: string; lastReport?: SyncReport; dirty?: boolean }): Promise<void> {
    const now = this.deps.clock.now();
    const refreshMinutes = changes.refreshMinutes ?? feed.refreshMinutes;
    await this.deps.store.update(feed.id, {
      ...changes,
      ...('etag' in changes || 'lastModified' in changes ? {} : { etag: feed.etag, lastModified: feed.lastModified }),
      refreshMinutes,
      lastSuccessAt: now.toISOString(),
      nextRunAt: nextRunAfterSuccess(now, refreshMinutes, this.deps.random ?? Math.random).toISOString(),
      failures: 0,
      lastProblem: undefined,
    });
  }

  private async failed(feed: Feed, problem: FeedProblem): Promise<SyncOutcome> {
    const now = this.deps.clock.now();
    const failures = feed.failures + 1;
    const paused = shouldPause(problem, failures);
    await this.deps.store.update(feed.id, {
      failures,
      lastProblem: problem,
      nextRunAt: nextRunAfterFailure(now, failures).toISOString(),
      ...(paused ? { status: 'paused' as const, pauseReason: problem } : {}),
    });
    this.deps.logger?.warn({ feed: feed.id, problem, failures }, 'feed sync failed');
    if (paused) await this.deps.onPaused?.({ ...feed, failures, status: 'paused', pauseReason: problem }, problem);
    return { status: 'failed', problem, paused };
  }
}
