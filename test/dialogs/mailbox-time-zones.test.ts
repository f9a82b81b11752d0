import { buttonData, cardFrom, cardText } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, isaiah, lynne } from '../support/demo-users';
import { lastSnapshotTo, previewCard, veventNamed } from '../snapshot/snapshot-kit';
import { asUser, demoWorld, follow } from './subscribe/world';

/**
 * Outlook keeps a mailbox's time zone under a Windows name ("Eastern Standard Time", what Graph returns by default)
 * or an IANA one. Isaiah's mailbox says "Eastern Standard Time" (New York), Lynne's and Alex's "Europe/Paris".
 * Week of Monday 23 November 2026: New York is UTC-5, Paris UTC+1.
 */
describe('mailbox time zones, Windows and IANA names', () => {
  const bot = demoWorld();

  it.each([
    ['Windows name', isaiah, '04:00 – 05:00', 'America/New_York'],
    ['IANA name', lynne, '10:00 – 11:00', 'Europe/Paris'],
  ])('the agenda of a followed calendar is in my zone (%s)', async (_case, user, times, zone) => {
    // Alex's "Phoenix kickoff" is Tuesday 24 November, 10:00-11:00 in Paris.
    await bot.app.gateway.grantPermission(asUser(alex), { calendarId: calendarIdOf(bot, alex, 'Project Phoenix'), recipient: { address: user.email }, role: 'read' });
    const done = await follow(bot, user, alex);
    const week = cardText(cardFrom(await bot.click(user, buttonData(done, 'Open the agenda'))));
    expect(week).toMatch(new RegExp(`Tuesday, November 24\\n${times}\\nPhoenix kickoff`));
    expect(week).toContain(`Times in ${zone}.`);
  });

  it('free/busy for a Windows-zone mailbox: slots in New York time, inside both working days', async () => {
    // Isaiah works 09:00-17:00 in New York (15:00-23:00 in Paris), Alex 08:00-17:00 in Paris: 09:00-11:00 for Isaiah.
    const text = cardText(cardFrom(await bot.say(isaiah, 'find a 30 minute slot with Alex tomorrow')));
    expect(text).toContain('Times in America/New_York.');
    expect(text).toMatch(/Best common slots \(\d\)\nTuesday 24 November, 09:00 – 09:30/);
    expect(text).not.toMatch(/Tuesday 24 November, (0[0-8]|1[1-9]|2\d):/);
  });

  it('free/busy for an IANA-zone mailbox with a Windows-zone colleague: his working hours converted', async () => {
    const text = cardText(cardFrom(await bot.say(alex, 'find a 30 minute slot with Isaiah tomorrow')));
    expect(text).toContain('Times in Europe/Paris.');
    expect(text).toMatch(/Isaiah Langer\nFree\/busy only · works 09:00–17:00 \(America\/New_York\)/);
    expect(text).toMatch(/Best common slots \(\d\)\nTuesday 24 November, 15:00 – 15:30/);
  });

  it("a snapshot of a Windows-zone mailbox has its events at New York's wall-clock times", async () => {
    // Isaiah's "Customer demo - Northwind" is Tuesday 24 November, 13:00-14:00 in New York (18:00 UTC).
    const preview = await previewCard(bot, isaiah, { range: 'next7', level: 'read', emails: lynne.email });
    await bot.click(isaiah, buttonData(preview, 'Send'));
    const snapshot = lastSnapshotTo(bot, lynne.email);
    const demo = veventNamed(snapshot, 'Customer demo - Northwind');
    expect((demo.getFirstPropertyValue('dtstart') as { toJSDate(): Date }).toJSDate().toISOString()).toBe('2026-11-24T18:00:00.000Z');
    expect(snapshot.html).toContain('13:00–14:00');
  });
});
