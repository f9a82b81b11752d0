import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { AgendaEvent } from '../../graph/calendar-gateway';
import { shareeLevel, visibleDetail, type ShareeLevel, type VisibleDetail } from '../../subscriptions/sharee-level';
import type { Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import type { AgendaWindow } from './agenda-window';
import { button } from './card-kit';
import { displayNameOf, formatDay, levelLabel } from './subscription-view';
import { addDays, instantOf, localDateTimeOf, resolveTimeZone } from './time-zone';

interface EventLine {
  time: string;
  title: string;
  detail: string;
}

const knownShowAs = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']);
const levelSeen: Record<VisibleDetail, ShareeLevel> = { freeBusy: 'freeBusyRead', titles: 'limitedRead', details: 'read' };
const detailNote: Record<VisibleDetail, string> = { freeBusy: 'seesFreeBusy', titles: 'seesTitles', details: 'seesDetails' };
const maxPreview = 140;

/** An event's start and end as "YYYY-MM-DDTHH:mm" in the user's zone, whatever zone Graph answered in. */
function localTimes(event: AgendaEvent, zone: string): { start: string; end: string } {
  const from = resolveTimeZone(event.timeZone) ?? zone;
  if (from === zone) return { start: event.start.slice(0, 16), end: event.end.slice(0, 16) };
  return { start: localDateTimeOf(instantOf(event.start, from), zone), end: localDateTimeOf(instantOf(event.end, from), zone) };
}

function showAsLabel(caller: Caller, showAs: string): string {
  return caller.t(`calendars:agenda.showAs.${knownShowAs.has(showAs) ? showAs : 'unknown'}`);
}

function timeLabel(caller: Caller, event: AgendaEvent, start: string, end: string): string {
  if (event.isAllDay) {
    const lastDay = addDays(end.slice(0, 10), -1);
    return lastDay > start.slice(0, 10) ? caller.t('calendars:agenda.allDayUntil', { date: formatDay(caller, lastDay) }) : caller.t('calendars:agenda.allDay');
  }
  const nextDay = end.slice(0, 10) > start.slice(0, 10) ? ' (+1)' : '';
  return `${start.slice(11, 16)} – ${end.slice(11, 16)}${nextDay}`;
}

/**
 * One event as the level allows, and never more than Graph returned. A private event is a busy block
 * only, even for a delegate whose Graph answer carries its details.
 */
function eventLine(caller: Caller, event: AgendaEvent, start: string, end: string): EventLine {
  const { t } = caller;
  const time = timeLabel(caller, event, start, end);
  const status = showAsLabel(caller, event.showAs);
  if (event.isPrivate) return { time, title: t('calendars:agenda.private'), detail: status };
  if (event.subject === undefined) return { time, title: status, detail: '' };
  const preview = event.bodyPreview && event.bodyPreview.length > maxPreview ? `${event.bodyPreview.slice(0, maxPreview - 1)}…` : event.bodyPreview;
  const detail = [
    event.showAs === 'busy' ? undefined : status,
    event.location,
    event.organizer && t('calendars:agenda.organizer', { name: event.organizer }),
    preview,
  ].filter((part): part is string => Boolean(part));
  return { time, title: event.subject, detail: detail.join(' · ') };
}

function rangeLabel(caller: Caller, window: AgendaWindow): string {
  const date = formatDay(caller, window.firstDay);
  if (window.range === 'today') return caller.t('calendars:agenda.rangeToday', { date });
  if (window.range === 'week') return caller.t('calendars:agenda.rangeWeek', { date });
  return caller.t('calendars:agenda.rangeDay', { date: formatDay(caller, window.firstDay, { withYear: true }) });
}

/** The agenda card: the window's events grouped by day, in the user's zone, with the range buttons. */
export function agendaCard(caller: Caller, input: { subscription: Subscription; window: AgendaWindow; zone: string; events: AgendaEvent[] }): AdaptiveCardJson {
  const { t } = caller;
  const { subscription, window, zone } = input;
  const days = new Map<string, EventLine[]>();
  const timed = input.events.map((event) => ({ event, ...localTimes(event, zone) })).sort((a, b) => a.start.localeCompare(b.start));
  for (const { event, start, end } of timed) {
    // An event that began before the window shows on the window's first day.
    const day = start.slice(0, 10) < window.firstDay ? window.firstDay : start.slice(0, 10);
    if (day > window.lastDay) continue;
    days.set(day, [...(days.get(day) ?? []), eventLine(caller, event, start, end)]);
  }
  const detail = visibleDetail(input.events);
  const level: ShareeLevel = subscription.role !== undefined || !detail ? shareeLevel(subscription.role) : levelSeen[detail];
  const notes = [
    detail && t(`calendars:agenda.${detailNote[detail]}`),
    input.events.some((event) => event.isPrivate) ? t('calendars:agenda.privateNote') : undefined,
    t('calendars:agenda.timeZone', { zone }),
  ].filter((note): note is string => Boolean(note));
  const id = subscription.id;
  return renderCard('agenda-view', {
    title: t('calendars:agenda.title', { name: displayNameOf(subscription) }),
    subtitle: t('calendars:agenda.subtitle', { owner: subscription.ownerName, level: levelLabel(caller, level) }),
    range: rangeLabel(caller, window),
    notes,
    days: [...days.entries()].map(([day, events]) => ({ label: formatDay(caller, day), events })),
    empty: days.size === 0 ? t('calendars:agenda.empty') : '',
    date: window.firstDay,
    buttons: [
      button(t('calendars:agenda.today'), Verb.ShowAgenda, { subscriptionId: id, range: 'today' }),
      button(t('calendars:agenda.week'), Verb.ShowAgenda, { subscriptionId: id, range: 'week' }),
      button(t('calendars:agenda.day'), Verb.ShowAgenda, { subscriptionId: id, range: 'day' }),
    ],
    more: [button(t('calendars:agenda.alias'), Verb.AskAlias, { subscriptionId: id }), button(t('calendars:agenda.list'), Verb.ShowCalendars)],
  });
}
