import type { Clock } from '../clock';
import type { CalendarGateway, Caller as GraphCaller, ExportEvent } from '../graph/calendar-gateway';
import type { Locale, Translate } from '../i18n';
import type { BusyLabels, DetailLevel } from '../ical/ics-event';
import { writeCalendar } from '../ical/ics-writer';
import { resolveTimeZone } from '../time/zoned-time';
import { snapshotMailHtml, rangeTitle } from './snapshot-mail';
import { rangeWindow, type RangeProblem, type RangeWindow, type SnapshotRange } from './snapshot-range';
import { withinWorkingHours } from './working-hours';

/** Graph's limits for one sendMail: an inline attachment under 3 MB, a request under 4 MB. */
export const graphMailLimits = { maxAttachmentBytes: 3 * 1024 * 1024, maxRequestBytes: 4 * 1024 * 1024 };

export interface SnapshotLimits {
  maxEvents: number;
  maxAttachmentBytes: number;
  maxRequestBytes: number;
}

export interface SnapshotChoice {
  calendar: { id: string; name: string };
  range: SnapshotRange;
  dates: { from?: string; to?: string };
  level: DetailLevel;
  workingHoursOnly: boolean;
}

export interface SnapshotOwner {
  userId: string;
  name: string;
  locale: Locale;
  t: Translate;
  /** The Teams client's zone, used when the mailbox has none. */
  timeZone?: string;
}

export interface BuiltSnapshot {
  window: RangeWindow;
  zone: string;
  count: number;
  subject: string;
  html: string;
  ics: string;
  fileName: string;
}

export type SnapshotProblem =
  | { kind: 'range'; problem: RangeProblem }
  | { kind: 'tooManyEvents'; count: number; max: number }
  | { kind: 'attachmentTooLarge' | 'requestTooLarge'; count: number; bytes: number };

export type SnapshotBuild = { ok: true; snapshot: BuiltSnapshot } | { ok: false; problem: SnapshotProblem };

/** Busy labels in a language: what a block is called when its subject is not shown. */
export function busyLabels(t: Translate): BusyLabels {
  return {
    free: t('snapshot:busy.free'),
    tentative: t('snapshot:busy.tentative'),
    busy: t('snapshot:busy.busy'),
    oof: t('snapshot:busy.oof'),
    workingElsewhere: t('snapshot:busy.workingElsewhere'),
    unknown: t('snapshot:busy.busy'),
  };
}

/**
 * Reads the calendar for the chosen days and makes the mail: the agenda in HTML and the .ics file,
 * or says which limit it passes (nothing is sent then). The owner's mailbox zone, often a Windows
 * name, sets the days.
 */
export class SnapshotBuilder {
  constructor(private readonly deps: { gateway: CalendarGateway; clock: Clock; limits: SnapshotLimits }) {}

  async ownerZone(owner: SnapshotOwner): Promise<string> {
    const me = await this.deps.gateway.getMe({ userId: owner.userId });
    return resolveTimeZone(me.timeZone) ?? resolveTimeZone(owner.timeZone) ?? 'UTC';
  }

  async build(owner: SnapshotOwner, choice: SnapshotChoice): Promise<SnapshotBuild> {
    const { gateway, clock, limits } = this.deps;
    const zone = await this.ownerZone(owner);
    const window = rangeWindow(choice.range, zone, clock.now(), choice.dates);
    if (typeof window === 'string') return { ok: false, problem: { kind: 'range', problem: window } };
    const caller: GraphCaller = { userId: owner.userId };
    let events: ExportEvent[] = await gateway.readCalendarExport(caller, { calendarId: choice.calendar.id, start: window.start, end: window.end, timeZone: zone });
    if (choice.workingHoursOnly) {
      const hours = await gateway.getWorkingHours(caller);
      if (hours) events = withinWorkingHours(events, hours, zone);
    }
    if (events.length > limits.maxEvents) return { ok: false, problem: { kind: 'tooManyEvents', count: events.length, max: limits.maxEvents } };
    const labels = busyLabels(owner.t);
    const ics = writeCalendar({ name: `${owner.name} - ${choice.calendar.name}`, calendarZone: zone, level: choice.level, events, labels, now: clock.now() });
    const icsBytes = Buffer.byteLength(ics, 'utf8');
    if (icsBytes >= limits.maxAttachmentBytes) return { ok: false, problem: { kind: 'attachmentTooLarge', count: events.length, bytes: icsBytes } };
    const html = snapshotMailHtml({ t: owner.t, locale: owner.locale, ownerName: owner.name, calendarName: choice.calendar.name, window, zone, level: choice.level, events, labels });
    const subject = owner.t('snapshot:mail.subject', { owner: owner.name, range: rangeTitle(owner.locale, window) });
    // The JSON request carries the attachment in base64 (4 bytes for 3) next to the body.
    const requestBytes = Math.ceil(icsBytes / 3) * 4 + Buffer.byteLength(html, 'utf8') + Buffer.byteLength(subject, 'utf8') + 2048;
    if (requestBytes >= limits.maxRequestBytes) return { ok: false, problem: { kind: 'requestTooLarge', count: events.length, bytes: requestBytes } };
    const fileName = `${`${owner.name} ${choice.calendar.name}`.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'calendar'}-${window.firstDay}.ics`;
    return { ok: true, snapshot: { window, zone, count: events.length, subject, html, ics, fileName } };
  }
}
