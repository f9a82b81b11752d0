/**
 * iCalendar events as Graph events. A series whose rule Graph's patternedRecurrence can say becomes one
 * series with its exceptions (EXDATE and cancelled overrides delete occurrences, other overrides change
 * them); any other series is expanded into single events inside the sync window, with caps. Overrides
 * attach to the series of their own UID only (what ical.js calls strictExceptions).
 */
import type { EventContent, ShowAs, Sensitivity } from '../graph/event-gateway';
import { wallClockOf } from '../time/zoned-time';
import type { IcsCalendar, IcsEvent, IcsTime } from './ics-reader';
import { instantOf } from './ics-zones';
import { rruleToPattern } from './patterned-recurrence';
import { expandRecurrences, type ExpansionRequest } from './rrule-expansion';

export type MappedException = { originalStart: string; cancelled: true } | { originalStart: string; cancelled: false; content: EventContent };

/** One Graph event to keep in sync: its key in the feed (UID, plus the occurrence for expanded ones). */
export interface MappedEvent {
  key: string;
  content: EventContent;
  exceptions: MappedException[];
}

export type MappingWarning =
  | { code: 'expanded'; summary: string; reason: string }
  | { code: 'expansionCapped'; summary: string }
  | { code: 'expansionFailed'; summary: string }
  | { code: 'feedCapped'; limit: number }
  | { code: 'unknownZone'; zone: string }
  | { code: 'unreadableEvents'; count: number };

export interface MappingOptions {
  window: { start: Date; end: Date };
  instancesPerSeries?: number;
  expandedPerFeed?: number;
  perSeriesMs?: number;
  totalExpansionMs?: number;
}

const busyStatuses: Record<string, ShowAs> = { FREE: 'free', TENTATIVE: 'tentative', BUSY: 'busy', OOF: 'oof', WORKINGELSEWHERE: 'workingElsewhere' };

function showAsOf(event: IcsEvent): ShowAs {
  if (event.busyStatus && busyStatuses[event.busyStatus]) return busyStatuses[event.busyStatus];
  if (event.transp === 'TRANSPARENT') return 'free';
  return event.status === 'TENTATIVE' ? 'tentative' : 'busy';
}

function sensitivityOf(event: IcsEvent): Sensitivity {
  if (event.klass === 'PRIVATE') return 'private';
  return event.klass === 'CONFIDENTIAL' ? 'confidential' : 'normal';
}

const graphTime = (time: IcsTime): { dateTime: string; timeZone: string } => ({ dateTime: time.isDate ? `${time.wall}T00:00:00` : time.wall, timeZone: time.zone });

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** The Graph content of a VEVENT at its own times (or at `start`, for one expanded occurrence). */
export function contentOf(event: IcsEvent, start: IcsTime = event.start): EventContent {
  const durationMs = Math.max(0, event.end.instant.getTime() - event.start.instant.getTime());
  let end: IcsTime;
  if (start !== event.start) {
    const instant = new Date(start.instant.getTime() + durationMs);
    const wall = start.isDate ? nextDayBy(start.wall, Math.max(1, Math.round(durationMs / 86400_000))) : shiftWall(start, durationMs);
    end = { ...start, wall, instant };
  } else {
    end = event.end;
  }
  if (start.isDate && (!end.isDate || end.wall <= start.wall)) end = { ...start, wall: nextDay(start.wall) };
  return {
    subject: event.summary,
    body: event.description,
    start: graphTime(start),
    end: graphTime(end),
    isAllDay: start.isDate,
    showAs: showAsOf(event),
    sensitivity: sensitivityOf(event),
    location: event.location,
    categories: event.categories,
  };
}

function nextDayBy(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

function shiftWall(start: IcsTime, ms: number): string {
  const naive = new Date(`${start.wall}Z`);
  return new Date(naive.getTime() + ms).toISOString().slice(0, 19);
}

function wallIn(instant: Date, zone: string, isDate: boolean): string {
  const wall = wallClockOf(instant, zone);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  return isDate ? date : `${date}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

interface Series {
  master: IcsEvent;
  overrides: IcsEvent[];
}

function groupByUid(events: IcsEvent[]): { series: Series[]; orphans: IcsEvent[] } {
  const masters = new Map<string, Series>();
  const overrides: IcsEvent[] = [];
  events.forEach((event, index) => {
    // Copied only when the UID is missing: 10,000 copies cost more than the mapping itself.
    const named = event.uid ? event : { ...event, uid: `no-uid-${index}` };
    if (named.recurrenceId) overrides.push(named);
    else if (!masters.has(named.uid)) masters.set(named.uid, { master: named, overrides: [] });
  });
  const orphans: IcsEvent[] = [];
  for (const override of overrides) {
    const series = masters.get(override.uid);
    if (series) series.overrides.push(override);
    else orphans.push(override);
  }
  return { series: [...masters.values()], orphans };
}

const occurrenceKey = (uid: string, instant: Date): string => `${uid}|${instant.toISOString()}`;

/** Maps a read feed to the Graph events to keep in sync, expanding what Graph cannot say. */
export async function mapFeedEvents(calendar: IcsCalendar, options: MappingOptions): Promise<{ events: MappedEvent[]; warnings: MappingWarning[] }> {
  const warnings: MappingWarning[] = calendar.unknownZones.map((zone) => ({ code: 'unknownZone' as const, zone }));
  if (calendar.unreadable.count > 0) warnings.push({ code: 'unreadableEvents', count: calendar.unreadable.count });
  const events: MappedEvent[] = [];
  const toExpand: Array<{ series: Series; request: ExpansionRequest }> = [];
  const { series, orphans } = groupByUid(calendar.events);
  for (const item of series) {
    const { master, overrides } = item;
    if (master.status === 'CANCELLED') continue;
    if (master.rrules.length === 0 && master.rdates.length === 0) {
      events.push({ key: master.uid, content: contentOf(master), exceptions: [] });
      continue;
    }
    const startDate = master.start.wall.slice(0, 10);
    const until = master.rrules[0]?.until;
    const untilDate = until ? wallIn(new Date(until.toUnixTime() * 1000), master.start.zone, true) : undefined;
    const pattern = master.rrules.length === 1 && master.rdates.length === 0 ? rruleToPattern(master.rrules[0], { date: startDate, zone: master.start.zone }, untilDate) : undefined;
    if (pattern?.ok) {
      const content = { ...contentOf(master), recurrence: pattern.recurrence };
      const exceptions: MappedException[] = [
        ...master.exdates.map((time) => ({ originalStart: time.instant.toISOString(), cancelled: true as const })),
        ...overrides.map((override): MappedException => {
          const originalStart = (override.recurrenceId as IcsTime).instant.toISOString();
          return override.status === 'CANCELLED' ? { originalStart, cancelled: true } : { originalStart, cancelled: false, content: contentOf(override) };
        }),
      ].sort((a, b) => a.originalStart.localeCompare(b.originalStart));
      events.push({ key: master.uid, content, exceptions });
      continue;
    }
    const reason = master.rdates.length > 0 ? 'RDATE' : master.rrules.length > 1 ? 'several RRULEs' : pattern && !pattern.ok ? pattern.reason : 'RRULE';
    warnings.push({ code: 'expanded', summary: master.summary, reason });
    const zone = master.start.zone;
    const isDate = master.start.isDate;
    toExpand.push({
      series: item,
      request: {
        id: toExpand.length,
        rrules: master.rrules.map((rule) => rule.toString()),
        start: master.start.wall,
        isDate,
        rdates: master.rdates.map((time) => wallIn(time.instant, zone, isDate)),
        exdates: master.exdates.map((time) => wallIn(time.instant, zone, isDate)),
        from: wallIn(options.window.start, zone, isDate),
        until: wallIn(options.window.end, zone, isDate),
        maxInstances: options.instancesPerSeries ?? 500,
        maxIterations: 100_000,
      },
    });
  }
  const results = await expandRecurrences(
    toExpand.map((entry) => entry.request),
    { perSeriesMs: options.perSeriesMs ?? 1000, totalMs: options.totalExpansionMs ?? 5000 },
  );
  let expanded = 0;
  const feedCap = options.expandedPerFeed ?? 5000;
  for (const { series: item, request } of toExpand) {
    const result = results.get(request.id);
    if (!result || result.timedOut) {
      warnings.push({ code: 'expansionFailed', summary: item.master.summary });
      continue;
    }
    if (result.truncated) warnings.push({ code: 'expansionCapped', summary: item.master.summary });
    const overrides = new Map(item.overrides.map((override) => [(override.recurrenceId as IcsTime).instant.toISOString(), override]));
    for (const wall of result.walls) {
      if (expanded >= feedCap) break;
      const start: IcsTime = { ...item.master.start, wall, instant: instantOf(wall, item.master.start.zone) };
      const override = overrides.get(start.instant.toISOString());
      if (override?.status === 'CANCELLED') continue;
      events.push({ key: occurrenceKey(item.master.uid, start.instant), content: override ? contentOf(override) : contentOf(item.master, start), exceptions: [] });
      expanded += 1;
    }
  }
  if (expanded >= feedCap) warnings.push({ code: 'feedCapped', limit: feedCap });
  for (const orphan of orphans) {
    if (orphan.status === 'CANCELLED' || !orphan.recurrenceId) continue;
    events.push({ key: occurrenceKey(orphan.uid, orphan.recurrenceId.instant), content: contentOf(orphan), exceptions: [] });
  }
  return { events, warnings };
}
