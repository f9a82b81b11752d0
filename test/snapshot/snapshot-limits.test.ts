import { suiteHarness } from '../support/bot-harness';
import { buttonData, buttonTitles, cardText, invokeCard, textFrom } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, inFrench, megan } from '../support/demo-users';
import { lastSnapshotTo, previewCard } from './snapshot-kit';

describe('snapshots of a series, in a Windows mailbox zone', () => {
  const bot = suiteHarness();

  it('writes occurrences as instances of one series, times in the mapped zone', async () => {
    bot.emulator.control.setMailboxTimeZone(alex.email, 'Romance Standard Time');
    const calendarId = calendarIdOf(bot, alex, 'Project Phoenix');
    bot.emulator.control.addEvents(alex.email, [
      { calendarId, subject: 'Phoenix weekly', start: '2026-11-24T08:00:00Z', end: '2026-11-24T08:30:00Z', seriesMasterId: 'series-phoenix', originalStart: '2026-11-24T08:00:00Z', timeZone: 'Romance Standard Time' },
      // Moved from 09:00 to 11:00 (Paris) this time.
      { calendarId, subject: 'Phoenix weekly', start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:30:00Z', seriesMasterId: 'series-phoenix', originalStart: '2026-12-01T08:00:00Z', timeZone: 'Romance Standard Time' },
    ]);
    const preview = await previewCard(bot, alex, { calendar: 'Project Phoenix', range: 'next30' });
    await bot.click(alex, buttonData(preview, 'Send'));
    const snapshot = lastSnapshotTo(bot, megan.email);
    expect(snapshot.vcalendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Paris']);
    const weekly = snapshot.vevents.filter((vevent) => vevent.getFirstPropertyValue('summary') === 'Phoenix weekly');
    expect(new Set(weekly.map((vevent) => vevent.getFirstPropertyValue('uid'))).size).toBe(1);
    const moved = weekly.find((vevent) => String(vevent.getFirstPropertyValue('recurrence-id')) === '2026-12-01T09:00:00')!;
    expect(moved.getFirstProperty('recurrence-id')?.getParameter('tzid')).toBe('Europe/Paris');
    expect(moved.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');
    expect(String(moved.getFirstPropertyValue('dtstart'))).toBe('2026-12-01T11:00:00');
    expect(snapshot.html).toContain('11:00–11:30');
    expect(snapshot.html).toContain('times in Europe/Paris');
  });
});

describe('snapshots over a limit', () => {
  const bot = suiteHarness({ SNAPSHOT_MAX_EVENTS: '3' });

  it('proposes fewer days when there are too many events, and sends nothing until then', async () => {
    const before = bot.emulator.control.sentMail(megan.email).length;
    const limit = await previewCard(bot, alex, { range: 'next7' });
    expect(cardText(limit)).toContain('These days hold 6 events; one mail can carry at most 3.');
    expect(cardText(limit)).toContain('Nothing was sent.');
    expect(buttonTitles(limit)).toEqual(['Tomorrow', 'Today', 'Free/busy only', 'Cancel']);
    const preview = invokeCard(await bot.click(alex, buttonData(limit, 'Today')));
    expect(buttonTitles(preview)).toEqual(['Send', 'Cancel']);
    await bot.click(alex, buttonData(preview, 'Send'));
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(before + 1);
    expect(lastSnapshotTo(bot, megan.email).summaries).toHaveLength(2);
  });

  it('proposes less detail when the file passes 3 MB, and when the mail passes 4 MB', async () => {
    const calendarId = calendarIdOf(bot, alex, 'Team Offsite');
    const long = (n: number) => `Notes ${n}: ${'lorem ipsum dolor sit amet '.repeat(45_000)}`;
    bot.emulator.control.addEvents(alex.email, [
      { calendarId, subject: 'Workshop one', start: '2026-11-23T13:00:00Z', end: '2026-11-23T14:00:00Z', body: long(1) },
      { calendarId, subject: 'Workshop two', start: '2026-11-23T15:00:00Z', end: '2026-11-23T16:00:00Z', body: long(2) },
      { calendarId, subject: 'Workshop three', start: '2026-11-24T15:00:00Z', end: '2026-11-24T16:00:00Z', body: long(3) },
    ]);
    const file = await previewCard(bot, alex, { calendar: 'Team Offsite', range: 'next7', level: 'read' });
    expect(cardText(file)).toMatch(/The calendar file would be 3\.\d MB \(3 events\); Microsoft 365 accepts attachments under 3 MB\./);
    const mail = invokeCard(await bot.click(alex, buttonData(file, 'Today')));
    expect(cardText(mail)).toMatch(/The mail would be \d\.\d MB \(2 events\); Microsoft 365 accepts mails under 4 MB\./);
    const preview = invokeCard(await bot.click(alex, buttonData(mail, 'Titles and places')));
    await bot.click(alex, buttonData(preview, 'Send'));
    expect(lastSnapshotTo(bot, megan.email).summaries).toEqual(['Workshop one', 'Workshop two']);
  });

  it('explains the limits in French', async () => {
    const limit = await previewCard(bot, inFrench(alex), { range: 'next7' });
    expect(cardText(limit)).toContain('Ces jours comptent 6 événements ; un message peut en porter 3 au plus.');
    expect(buttonTitles(limit)).toContain('Disponibilités seulement');
  });
});

describe('snapshots when Graph refuses or is busy', () => {
  const bot = suiteHarness();
  afterEach(() => bot.emulator.control.clearFaults());

  it.each([
    [alex, 403, 'Microsoft 365 refused this request: you do not have access to it.'],
    [inFrench(alex), 429, 'Microsoft 365 est très sollicité'],
  ])('reading the calendar: %#', async (user, status, message) => {
    bot.emulator.control.injectFault({ method: 'GET', path: '/calendarView$', status, ...(status === 429 ? { retryAfter: '120' } : {}) });
    expect(textFrom(await bot.click(user, { verb: 'snapshotPreview', calendarId: calendarIdOf(bot, alex, 'Calendar'), range: 'today', level: 'read', emails: 'meganb@example.com' }))).toContain(message);
  });

  it.each([
    [alex, 429, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
    [inFrench(alex), 403, 'Microsoft 365 a refusé'],
  ])('sending: nothing is sent, and Send works once Graph answers again (%#)', async (user, status, message) => {
    const preview = await previewCard(bot, user, { range: 'today' });
    const before = bot.emulator.control.sentMail(megan.email).length;
    bot.emulator.control.injectFault({ method: 'POST', path: 'sendMail$', status, ...(status === 429 ? { retryAfter: '120' } : {}) });
    const send = buttonData(preview, user.locale.startsWith('fr') ? 'Envoyer' : 'Send');
    expect(textFrom(await bot.click(user, send))).toContain(message);
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(before);
    bot.emulator.control.clearFaults();
    await bot.click(user, send);
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(before + 1);
  });
});
