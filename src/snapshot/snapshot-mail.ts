import type { ExportEvent } from '../graph/calendar-gateway';
import type { Locale, Translate } from '../i18n';
import { instantOf, visibleDetails, type BusyLabels, type DetailLevel } from '../ical/ics-event';
import { htmlText } from '../graph/mail-html';
import { daysOf, type RangeWindow } from './snapshot-range';
import { formatDate, intlTag } from '../i18n/dates';

export interface SnapshotMailInput {
  t: Translate;
  locale: Locale;
  ownerName: string;
  calendarName: string;
  window: RangeWindow;
  /** The owner's IANA zone: days and times are theirs. */
  zone: string;
  level: DetailLevel;
  events: ExportEvent[];
  labels: BusyLabels;
}


/** "Monday 23 November 2026" for a "YYYY-MM-DD" day. */
export function dayTitle(locale: Locale, day: string): string {
  return formatDate(locale, new Date(`${day}T12:00:00Z`), { dateStyle: 'full', timeZone: 'UTC' });
}

/** "23 Nov 2026 – 29 Nov 2026", or one day. */
export function rangeTitle(locale: Locale, window: Pick<RangeWindow, 'firstDay' | 'lastDay'>): string {
  const format = (day: string) => formatDate(locale, new Date(`${day}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const first = format(window.firstDay);
  return window.firstDay === window.lastDay ? first : `${first} – ${format(window.lastDay)}`;
}

/** "YYYY-MM-DD" of an instant in a zone (en-CA writes dates that way). */
function localDayOf(event: ExportEvent, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instantOf(event.start, zone));
}

/** The days an event appears on: its start day, or every day of an all-day event. */
function daysOfEvent(event: ExportEvent, zone: string): string[] {
  if (!event.isAllDay) return [localDayOf(event, zone)];
  const last = new Date(Date.parse(`${event.end.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return daysOf({ firstDay: event.start.slice(0, 10), lastDay: last < event.start.slice(0, 10) ? event.start.slice(0, 10) : last });
}

/** The mail body: the agenda day by day, in the owner's zone and language, every text escaped. */
export function snapshotMailHtml(input: SnapshotMailInput): string {
  const { t, locale, zone } = input;
  const time = new Intl.DateTimeFormat(intlTag(locale), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const byDay = new Map<string, ExportEvent[]>();
  for (const event of input.events) {
    for (const day of daysOfEvent(event, zone)) byDay.set(day, [...(byDay.get(day) ?? []), event]);
  }
  const days = daysOf(input.window).map((day) => {
    const events = byDay.get(day) ?? [];
    const items = events.map((event) => {
      const details = visibleDetails(event, input.level, input.labels);
      const when = event.isAllDay ? t('snapshot:mail.allDay') : `${time.format(instantOf(event.start, zone))}–${time.format(instantOf(event.end, zone))}`;
      const where = details.location ? ` <span style="color:#555">(${htmlText(details.location)})</span>` : '';
      const body = details.body ? `<div style="color:#555;font-size:90%;white-space:pre-wrap">${htmlText(details.body)}</div>` : '';
      return `<li><strong>${htmlText(when)}</strong> ${htmlText(details.title)}${where}${body}</li>`;
    });
    const list = items.length > 0 ? `<ul>${items.join('')}</ul>` : `<p style="color:#555">${htmlText(t('snapshot:mail.nothing'))}</p>`;
    return `<h3>${htmlText(dayTitle(locale, day))}</h3>${list}`;
  });
  const heading = t('snapshot:mail.heading', { owner: input.ownerName, calendar: input.calendarName });
  const intro = t('snapshot:mail.intro', { range: rangeTitle(locale, input.window), level: t(`snapshot:levels.${input.level}.label`), zone });
  return [
    `<html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif">`,
    `<h2>${htmlText(heading)}</h2>`,
    `<p>${htmlText(intro)}</p>`,
    ...days,
    `<p style="color:#555">${htmlText(t('snapshot:mail.attachment'))}</p>`,
    '</body></html>',
  ].join('\n');
}
