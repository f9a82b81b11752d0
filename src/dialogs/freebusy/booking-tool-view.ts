import { renderCard } from '../../cards/render-card';
import { isGraphError } from '../../graph/graph-error';
import { statusRank, stepMs, type AvailabilityGrid, type PersonRow, type SlotStatus, type VisibleItem } from '../../freebusy/availability-model';
import { answerFrom, stepMinutes } from '../../freebusy/free-busy-search';
import { renderAvailabilityPicture } from '../../freebusy/picture';
import { daysOf, resolveWindow } from '../../freebusy/window';
import type { Caller } from '../caller';
import { pickTimeZone } from '../calendars/time-zone';
import { errorReplies } from '../error-reply';
import { cardReply, type Reply } from '../reply';
import type { FreeBusyDeps } from './freebusy-deps';
import { shortDay, slotLabel } from './time-format';

/** What a booking tool that reads only the main calendar counts as busy (the seed's Calendly): working elsewhere is free to it. */
function toolStatus(status: SlotStatus): SlotStatus {
  return status === 'workingElsewhere' ? 'free' : status;
}

const busyStatuses = new Set<SlotStatus>(['tentative', 'busy', 'oof']);

/**
 * For /troubleshoot, "the booking tool does not see my appointments": this week as a tool limited to the
 * main calendar sees it, next to what is really busy across all my calendars, and the events it misses.
 */
export class BookingToolView {
  constructor(private readonly deps: FreeBusyDeps) {}

  async show(caller: Caller): Promise<Reply[]> {
    try {
      return [await this.card(caller)];
    } catch (error) {
      if (isGraphError(error)) return errorReplies(caller, error);
      throw error;
    }
  }

  private async card(caller: Caller): Promise<Reply> {
    const { t, locale } = caller;
    const [me, calendars] = await Promise.all([this.deps.gateway.getMe(caller), this.deps.gateway.listMyCalendars(caller)]);
    const zone = pickTimeZone(me.timeZone, caller.timeZone);
    const window = resolveWindow({ kind: 'thisWeek' }, undefined, this.deps.clock.now(), zone);
    // My own other calendars, and shared ones I manage (a team calendar): events there are my busy time.
    const mine = (address: string): boolean => address.toLowerCase() === me.address.toLowerCase();
    const extra = calendars.filter((calendar) => !calendar.isDefault && (!calendar.owner.address || mine(calendar.owner.address) || calendar.canEdit));
    if (!window) return cardReply(renderCard('share-notice', { title: t('freebusy:bookingTool.title'), paragraphs: [t('freebusy:bookingTool.weekOver')], warning: '', buttons: [] }));
    const viewer = { address: me.address.toLowerCase(), name: me.displayName, isInsideOrganization: true, isViewer: true };
    const snapshot = await this.deps.gateway.readAvailability(caller, {
      addresses: [viewer.address],
      start: window.start,
      end: window.end,
      intervalMinutes: stepMinutes,
      extraCalendarIds: extra.map((calendar) => calendar.id),
    });
    const all = answerFrom(snapshot, { viewer, people: [], window, durationMinutes: stepMinutes, extraCalendarIds: extra.map((calendar) => calendar.id) });
    const mainOnly = answerFrom({ ...snapshot, extraCalendars: new Map() }, { viewer, people: [], window, durationMinutes: stepMinutes, extraCalendarIds: [] });
    const seen: PersonRow = { ...mainOnly.grid.rows[0], statuses: mainOnly.grid.rows[0].statuses.map(toolStatus) };
    const real = all.grid.rows[0];
    const grid: AvailabilityGrid = { ...all.grid, rows: [seen, real] };

    const missed = real.items.filter((item) => item.calendarId && busyStatuses.has(item.status) && !coveredBy(grid, seen, item));
    const treatedFree = mainOnly.grid.rows[0].items.filter((item) => item.status === 'workingElsewhere');
    const names = new Map(extra.map((calendar) => [calendar.id, calendar.name]));
    const line = (item: VisibleItem): string =>
      t('freebusy:bookingTool.event', { when: slotLabel(locale, item.start, item.end, zone), subject: item.subject ?? t('freebusy:legend.busy'), calendar: names.get(item.calendarId ?? '') ?? '' });
    const picture = renderAvailabilityPicture({
      grid,
      days: daysOf(window),
      zone,
      working: [all.working[0], all.working[0]],
      common: new Array<boolean>(grid.steps).fill(false),
      slots: [],
      durationSteps: 1,
      labels: {
        everyone: t('freebusy:bookingTool.week'),
        names: [t('freebusy:bookingTool.toolRow'), t('freebusy:bookingTool.realRow')],
        day: (day) => shortDay(locale, day),
        legend: (['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'offHours'] as const).map((status) => ({ status, text: t(`freebusy:legend.${status}`) })),
      },
    });
    const busyCount = (row: PersonRow): number => row.items.filter((item) => busyStatuses.has(toolStatus(item.status))).length;
    return cardReply(
      renderCard('freebusy-booking-tool', {
        title: t('freebusy:bookingTool.title'),
        intro: t('freebusy:bookingTool.intro'),
        image: `data:image/png;base64,${picture.png.toString('base64')}`,
        altText: t('freebusy:bookingTool.alt', { seen: busyCount(seen), real: busyCount(real), missed: missed.length }),
        facts: [
          { title: t('freebusy:bookingTool.toolRow'), value: t('freebusy:bookingTool.count', { n: busyCount(seen) }) },
          { title: t('freebusy:bookingTool.realRow'), value: t('freebusy:bookingTool.count', { n: busyCount(real) }) },
        ],
        missedTitle: missed.length > 0 ? t('freebusy:bookingTool.missedTitle', { n: missed.length }) : t('freebusy:bookingTool.nothingMissed'),
        missed: missed.map(line),
        notes: [
          ...(treatedFree.length > 0 ? [t('freebusy:bookingTool.workingElsewhere', { n: treatedFree.length })] : []),
          ...(all.unreadCalendars.length > 0 ? [t('freebusy:notes.unread', { names: all.unreadCalendars.map((id) => names.get(id) ?? id).join(', ') })] : []),
          t('freebusy:bookingTool.advice'),
          t('freebusy:notes.zone', { zone }),
        ],
      }),
    );
  }
}

/** Whether the main calendar already blocks every interval of an event (then the tool sees it anyway). */
function coveredBy(grid: AvailabilityGrid, seen: PersonRow, item: VisibleItem): boolean {
  const step = stepMs(grid);
  const first = Math.max(0, Math.floor((item.start.getTime() - grid.start.getTime()) / step));
  const last = Math.min(grid.steps, Math.ceil((item.end.getTime() - grid.start.getTime()) / step));
  for (let index = first; index < last; index++) if (statusRank[seen.statuses[index]] < statusRank.tentative) return false;
  return true;
}
