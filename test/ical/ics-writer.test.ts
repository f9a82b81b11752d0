import type { ExportEvent } from '../../src/graph/calendar-gateway';
import { ICAL } from '../../src/ical/ical';
import { stableUid } from '../../src/ical/ics-event';
import { productId, writeCalendar, type CalendarFileInput } from '../../src/ical/ics-writer';

const labels = { free: 'Free', tentative: 'Tentative', busy: 'Busy', oof: 'Away', workingElsewhere: 'Working elsewhere', unknown: 'Busy' };

/** Small inline fixtures: times are local in Europe/Paris, as calendarView gives them with Prefer. */
function event(fields: Partial<ExportEvent> & { id: string }): ExportEvent {
  return {
    start: '2026-11-24T09:00:00.0000000',
    end: '2026-11-24T10:00:00.0000000',
    timeZone: 'Europe/Paris',
    isAllDay: false,
    showAs: 'busy',
    isPrivate: false,
    categories: [],
    subject: 'Campaign brief; review, v2',
    location: 'Room 2.14 "Hercules"',
    body: 'Line one\nLine two, with a comma; and a semicolon \\ backslash',
    lastModified: '2026-11-20T08:00:00Z',
    originalTimeZone: 'Romance Standard Time',
    ...fields,
  };
}

const sample: ExportEvent[] = [
  event({ id: 'timed', categories: ['Blue category', 'Team'] }),
  event({ id: 'private', subject: 'Doctor appointment', location: 'Clinique', isPrivate: true, start: '2026-11-25T08:30:00.0000000', end: '2026-11-25T09:30:00.0000000' }),
  event({ id: 'allday', subject: 'Trade show', isAllDay: true, showAs: 'workingElsewhere', start: '2026-11-26T00:00:00.0000000', end: '2026-11-28T00:00:00.0000000' }),
  event({ id: 'occ-2', seriesMasterId: 'series-1', originalStart: '2026-11-27T08:00:00Z', subject: 'Weekly sync', start: '2026-11-27T09:00:00.0000000', end: '2026-11-27T09:30:00.0000000' }),
  event({ id: 'occ-3', seriesMasterId: 'series-1', originalStart: '2026-12-04T08:00:00Z', subject: 'Weekly sync', start: '2026-12-04T11:00:00.0000000', end: '2026-12-04T11:30:00.0000000' }),
  event({ id: 'ny', subject: 'Call with New York', originalTimeZone: 'Eastern Standard Time', showAs: 'tentative', start: '2026-11-24T15:00:00.0000000', end: '2026-11-24T16:00:00.0000000' }),
];

function write(level: CalendarFileInput['level'], events = sample): { text: string; vevents: ICAL.Component[]; vcalendar: ICAL.Component } {
  const text = writeCalendar({ name: 'Alex Wilber; Calendar', calendarZone: 'Romance Standard Time', level, events, labels, now: new Date('2026-11-23T09:00:00Z') });
  const vcalendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return { text, vcalendar, vevents: vcalendar.getAllSubcomponents('vevent') };
}

/** RFC 5545 unfolding: a CRLF followed by one space or tab joins the lines. */
const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');

const byUid = (vevents: ICAL.Component[], id: string, recurrence?: string) =>
  vevents.find((vevent) => vevent.getFirstPropertyValue('uid') === stableUid({ id }) && (!recurrence || String(vevent.getFirstPropertyValue('recurrence-id')) === recurrence));

describe('the .ics writer', () => {
  it('writes the calendar properties, CRLF line ends and lines of at most 75 octets', () => {
    const { text, vcalendar } = write('read', [...sample, event({ id: 'long', subject: 'é'.repeat(120), body: 'Ünïcödé '.repeat(60) })]);
    expect(vcalendar.getFirstPropertyValue('prodid')).toBe(productId);
    expect(vcalendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(vcalendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vcalendar.getFirstPropertyValue('x-wr-calname')).toBe('Alex Wilber; Calendar');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line, 'utf8')))).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).toContain('X-WR-CALNAME:Alex Wilber\\; Calendar');
  });

  it('carries one VTIMEZONE per zone used, the Windows mailbox zone mapped to IANA', () => {
    const { vcalendar, vevents } = write('limitedRead');
    const zones = vcalendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'));
    expect(zones).toEqual(['America/New_York', 'Europe/Paris']);
    expect(vcalendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Paris');
    const ny = byUid(vevents, 'ny')!;
    expect(ny.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('America/New_York');
    // 15:00 in Paris is 09:00 in New York on 24 November.
    expect(String(ny.getFirstPropertyValue('dtstart'))).toBe('2026-11-24T09:00:00');
    // Every TZID used has its definition, so ical.js computes the same instant.
    for (const zone of vcalendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    const start = new ICAL.Event(ny).startDate;
    expect(start.toJSDate().toISOString()).toBe('2026-11-24T14:00:00.000Z');
  });

  it('gives each event a stable UID and a DTSTAMP, and the same text twice', () => {
    const first = write('read');
    expect(write('read').text).toBe(first.text);
    for (const vevent of first.vevents) {
      expect(vevent.getFirstPropertyValue('uid')).toMatch(/^[0-9a-f]{32}@calendar-sharing-assistant$/);
      expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-11-20T08:00:00Z');
    }
  });

  it('writes all-day events as dates', () => {
    const allDay = byUid(write('read').vevents, 'allday')!;
    const start = allDay.getFirstProperty('dtstart')!;
    expect(start.type).toBe('date');
    expect(String(start.getFirstValue())).toBe('2026-11-26');
    expect(String(allDay.getFirstPropertyValue('dtend'))).toBe('2026-11-28');
    expect(write('read').text).toContain('DTSTART;VALUE=DATE:20261126');
  });

  it('writes occurrences of a series as instances of one UID with RECURRENCE-ID in the zone of DTSTART', () => {
    const { vevents } = write('limitedRead');
    const occurrences = vevents.filter((vevent) => vevent.getFirstPropertyValue('uid') === stableUid({ id: 'x', seriesMasterId: 'series-1' }));
    expect(occurrences).toHaveLength(2);
    const moved = occurrences.find((vevent) => String(vevent.getFirstPropertyValue('recurrence-id')) === '2026-12-04T09:00:00')!;
    expect(moved.getFirstProperty('recurrence-id')?.getParameter('tzid')).toBe('Europe/Paris');
    expect(String(moved.getFirstPropertyValue('dtstart'))).toBe('2026-12-04T11:00:00');
    expect(moved.getFirstPropertyValue('summary')).toBe('Weekly sync');
  });

  it('shows busy blocks only at availability level', () => {
    const { vevents, text } = write('freeBusyRead');
    const timed = byUid(vevents, 'timed')!;
    expect(timed.getFirstPropertyValue('summary')).toBe('Busy');
    expect(timed.getFirstPropertyValue('location')).toBeNull();
    expect(timed.getFirstPropertyValue('description')).toBeNull();
    expect(timed.getFirstPropertyValue('x-microsoft-cdo-busystatus')).toBe('BUSY');
    expect(byUid(vevents, 'ny')!.getFirstPropertyValue('summary')).toBe('Tentative');
    expect(byUid(vevents, 'allday')!.getFirstPropertyValue('summary')).toBe('Working elsewhere');
    expect(text).not.toMatch(/Campaign|Hercules|Doctor|Trade show/);
  });

  it('shows times, subject and location at limited level, and escapes text', () => {
    const { vevents, text } = write('limitedRead');
    const timed = byUid(vevents, 'timed')!;
    expect(timed.getFirstPropertyValue('summary')).toBe('Campaign brief; review, v2');
    expect(timed.getFirstPropertyValue('location')).toBe('Room 2.14 "Hercules"');
    expect(timed.getFirstPropertyValue('description')).toBeNull();
    expect(unfold(text)).toContain('SUMMARY:Campaign brief\\; review\\, v2');
    expect(text).not.toContain('Line one');
  });

  it('shows everything at full level except private events, always busy only', () => {
    const { vevents, text } = write('read');
    const timed = byUid(vevents, 'timed')!;
    expect(timed.getFirstPropertyValue('description')).toBe('Line one\nLine two, with a comma; and a semicolon \\ backslash');
    expect(timed.getFirstProperty('categories')?.getValues()).toEqual(['Blue category', 'Team']);
    expect(unfold(text)).toContain('DESCRIPTION:Line one\\nLine two\\, with a comma\\; and a semicolon \\\\ backslash');
    const hidden = byUid(vevents, 'private')!;
    expect(hidden.getFirstPropertyValue('summary')).toBe('Busy');
    expect(hidden.getFirstPropertyValue('class')).toBe('PRIVATE');
    expect(hidden.getFirstPropertyValue('location')).toBeNull();
    expect(text).not.toMatch(/Doctor|Clinique/);
  });
});
