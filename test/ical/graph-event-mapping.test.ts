import { mapFeedEvents, type MappedEvent } from '../../src/ical/graph-event-mapping';
import { IcsError, readIcs } from '../../src/ical/ics-reader';
import { appleFeed, calendar, googleFeed, outlookFeed, vevent } from '../feeds/fixtures/ics-fixtures';

const window = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2027-03-01T00:00:00Z') };

async function mapped(text: string, floatingZone = 'Europe/Paris') {
  const feed = await readIcs(text, { floatingZone });
  return { feed, ...(await mapFeedEvents(feed, { window })) };
}

const byKey = (events: MappedEvent[], key: string): MappedEvent => {
  const found = events.find((event) => event.key === key);
  if (!found) throw new Error(`no event ${key} in ${events.map((event) => event.key).join(', ')}`);
  return found;
};

describe('iCalendar to Graph events', () => {
  it('reads an Outlook feed: Windows zone, weekly series with a deleted and a moved occurrence, busy status, class', async () => {
    const { feed, events, warnings } = await mapped(outlookFeed());
    expect(feed.name).toBe('Équipe projet');
    expect(feed.refreshMinutes).toBe(30);
    expect(feed.zonesSeen).toContain('Europe/Paris');
    expect(warnings).toEqual([]);
    const weekly = byKey(events, 'outlook-weekly');
    expect(weekly.content).toMatchObject({
      subject: 'Point hebdo',
      start: { dateTime: '2026-11-24T10:00:00', timeZone: 'Europe/Paris' },
      showAs: 'tentative',
      sensitivity: 'private',
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] },
        range: { type: 'numbered', numberOfOccurrences: 6, startDate: '2026-11-24', recurrenceTimeZone: 'Europe/Paris' },
      },
    });
    expect(weekly.exceptions).toEqual([
      { originalStart: '2026-12-01T09:00:00.000Z', cancelled: false, content: expect.objectContaining({ subject: 'Point hebdo (déplacé)', start: { dateTime: '2026-12-02T14:00:00', timeZone: 'Europe/Paris' } }) as unknown },
      { originalStart: '2026-12-08T09:00:00.000Z', cancelled: true },
    ]);
    expect(byKey(events, 'outlook-oof').content).toMatchObject({
      isAllDay: true,
      showAs: 'oof',
      start: { dateTime: '2026-12-21T00:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-12-24T00:00:00', timeZone: 'Europe/Paris' },
    });
  });

  it('reads a Google feed: UTC times, UNTIL, a cancelled override, DURATION, escaped text, a cancelled event left out', async () => {
    const { events } = await mapped(googleFeed());
    expect(events.map((event) => event.key).sort()).toEqual(['g-1@google.com', 'g-2@google.com']);
    const training = byKey(events, 'g-1@google.com');
    expect(training.content.recurrence?.range).toEqual({ type: 'endDate', startDate: '2026-11-25', endDate: '2026-12-23', recurrenceTimeZone: 'UTC' });
    expect(training.exceptions).toEqual([{ originalStart: '2026-12-09T18:00:00.000Z', cancelled: true }]);
    expect(byKey(events, 'g-2@google.com').content).toMatchObject({
      end: { dateTime: '2026-12-12T17:00:00', timeZone: 'UTC' },
      location: 'Stadium, North stand',
      body: 'Bring scarves\nand flags',
      showAs: 'busy',
    });
  });

  it('reads an Apple feed: IANA zone, floating time in the target zone, monthly by weekday, a zone only the file defines, an unknown zone reported', async () => {
    const { events, warnings } = await mapped(appleFeed(), 'Europe/Berlin');
    expect(byKey(events, 'apple-1').content).toMatchObject({ start: { timeZone: 'America/New_York' }, sensitivity: 'confidential' });
    expect(byKey(events, 'apple-2').content.start).toEqual({ dateTime: '2026-12-04T20:00:00', timeZone: 'Europe/Berlin' });
    const bills = byKey(events, 'apple-3').content;
    expect(bills.isAllDay).toBe(true);
    expect(bills.end).toEqual({ dateTime: '2026-12-02T00:00:00', timeZone: 'Europe/Berlin' });
    expect(bills.recurrence?.pattern).toEqual({ type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'first' });
    expect(byKey(events, 'apple-4').content.start).toEqual({ dateTime: '2026-12-05T09:00:00', timeZone: 'UTC' });
    expect(byKey(events, 'apple-5').content.start).toEqual({ dateTime: '2026-12-06T12:00:00', timeZone: 'Europe/Berlin' });
    expect(warnings).toContainEqual({ code: 'unknownZone', zone: 'Nowhere/Atlantis' });
  });

  it.each([
    ['hourly', 'RRULE:FREQ=HOURLY;INTERVAL=6;COUNT=4', 4],
    ['BYHOUR', 'RRULE:FREQ=DAILY;BYHOUR=9,15;COUNT=4', 4],
    ['several BYMONTH', 'RRULE:FREQ=YEARLY;BYMONTH=12,1;BYMONTHDAY=15;COUNT=2', 2],
    ['several BYMONTHDAY', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=3', 3],
    ['negative BYMONTHDAY', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=-2;COUNT=3', 3],
    ['BYSETPOS Graph cannot say', 'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=2', 2],
    ['BYYEARDAY', 'RRULE:FREQ=YEARLY;BYYEARDAY=340;COUNT=1', 1],
  ])('expands a %s rule into single events in the window, with a warning', async (_, rule, count) => {
    const text = calendar({ events: [vevent({ uid: 'u', summary: 'Odd', lines: ['DTSTART;TZID=Europe/Paris:20261201T090000', 'DTEND;TZID=Europe/Paris:20261201T100000', rule]})] });
    const { events, warnings } = await mapped(text);
    expect(events).toHaveLength(count);
    expect(events.every((event) => !event.content.recurrence && event.key.startsWith('u|'))).toBe(true);
    expect(warnings[0]).toMatchObject({ code: 'expanded', summary: 'Odd' });
  });

  it('expands RDATE and keeps overrides and EXDATEs of an expanded series', async () => {
    const text = calendar({
      events: [
        vevent({ uid: 'r', summary: 'Sessions', lines: ['DTSTART;TZID=Europe/Paris:20261201T090000', 'DURATION:PT1H', 'RDATE;TZID=Europe/Paris:20261203T090000,20261210T090000', 'EXDATE;TZID=Europe/Paris:20261203T090000'] }),
        vevent({ uid: 'r', summary: 'Sessions (room B)', lines: ['RECURRENCE-ID;TZID=Europe/Paris:20261210T090000', 'DTSTART;TZID=Europe/Paris:20261210T110000', 'DURATION:PT1H'] }),
      ],
    });
    const { events } = await mapped(text);
    expect(events.map((event) => [event.key, event.content.subject, event.content.start.dateTime])).toEqual([
      ['r|2026-12-01T08:00:00.000Z', 'Sessions', '2026-12-01T09:00:00'],
      ['r|2026-12-10T08:00:00.000Z', 'Sessions (room B)', '2026-12-10T11:00:00'],
    ]);
  });

  it.each([
    ['FREQ=SECONDLY'],
    ['FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30'],
    ['FREQ=DAILY;COUNT=1000000000'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6'],
    ['FREQ=YEARLY;BYWEEKNO=60'],
    ['FREQ=MINUTELY;BYSETPOS=-1;BYDAY=MO'],
  ])('ends a hostile rule %s quickly and safely', async (rule) => {
    const text = calendar({ events: [vevent({ uid: 'h', summary: 'Hostile', lines: ['DTSTART:19700101T000000Z', 'DTEND:19700101T000001Z', `RRULE:${rule}`] }), vevent({ uid: 'ok', lines: ['DTSTART:20261201T090000Z', 'DTEND:20261201T100000Z'] })] });
    const feed = await readIcs(text, { floatingZone: 'UTC' });
    const started = Date.now();
    const { events } = await mapFeedEvents(feed, { window, perSeriesMs: 300, totalExpansionMs: 1000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(events.filter((event) => event.key.startsWith('h')).length).toBeLessThanOrEqual(500);
    expect(events.some((event) => event.key === 'ok')).toBe(true);
  });

  it('refuses an HTML page, a file that is no calendar and a cut-short file', async () => {
    await expect(readIcs('<!DOCTYPE html><html><body>Our calendar</body></html>', { floatingZone: 'UTC' })).rejects.toMatchObject({ problem: 'html' });
    await expect(readIcs('hello', { floatingZone: 'UTC' })).rejects.toMatchObject({ problem: 'notCalendar' });
    const cut = googleFeed().slice(0, 400);
    await expect(readIcs(cut, { floatingZone: 'UTC' })).rejects.toBeInstanceOf(IcsError);
    const broken = calendar({ events: ['BEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:notadate\r\nEND:VEVENT'] });
    await expect(readIcs(broken, { floatingZone: 'UTC' })).rejects.toMatchObject({ problem: 'malformed' });
    const oneBad = calendar({ events: ['BEGIN:VEVENT\r\nUID:bad-1\r\nDTSTART;VALUE=DATE:notadate\r\nEND:VEVENT', vevent({ uid: 'good', lines: ['DTSTART:20261201T090000Z'] })] });
    const read = await readIcs(oneBad, { floatingZone: 'UTC' });
    expect(read.events.map((event) => event.uid)).toEqual(['good']);
    expect(read.unreadable).toEqual({ count: 1, uids: ['bad-1'] });
  });
});
