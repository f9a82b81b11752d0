import { type TurnResult } from '../../support/bot-harness';
import { adele, alex, inFrench, megan, patti, type DemoUser } from '../../support/demo-users';
import { buttonData, cardFrom, cardText, inputValue, textFrom } from '../../support/cards';
import { demoWorld, follow, revoke, submit, subscriptionsOf } from '../subscribe/world';

describe('the agenda of a followed calendar, as my level allows', () => {
  const bot = demoWorld();

  /** Follows the owner's calendar (one) and returns the agenda button data of the done card. */
  async function agendaOf(user: DemoUser, owner: DemoUser): Promise<Record<string, unknown>> {
    const done = await follow(bot, user, owner);
    return buttonData(done, /^(Open the agenda|Ouvrir l'agenda)$/);
  }

  /** A click from a Teams client that says its time zone. */
  function clickFrom(user: DemoUser, data: Record<string, unknown>, localTimezone?: string): Promise<TurnResult> {
    return bot.post(
      bot.activity(user, { type: 'invoke', name: 'adaptiveCard/action', localTimezone, value: { action: { type: 'Action.Execute', verb: data.verb, data } } }),
    );
  }

  it('read: titles, places, organiser and preview of this week, in my time zone', async () => {
    const week = cardFrom(await bot.click(megan, await agendaOf(megan, alex)));
    const text = cardText(week);
    expect(text).toContain('Project Phoenix');
    expect(text).toContain("Alex Wilber's calendar · All details");
    expect(text).toContain('Week of Monday, November 23');
    expect(text).toMatch(/Tuesday, November 24\n10:00 – 11:00\nPhoenix kickoff\nRoom 2.14 Hercules · Organised by Alex Wilber · Kickoff of the Phoenix rebrand/);
    expect(text).toMatch(/Thursday, November 26\n14:00 – 15:30\nPhoenix design review\nTentative · Microsoft Teams Meeting/);
    expect(text).toContain('You see the details of non-private events.');
    expect(text).toContain('Times in Europe/Paris.');
  });

  it('read, with a private event that day: a busy block, never its details', async () => {
    const data = await agendaOf(megan, alex);
    const day = cardFrom(await bot.click(megan, { ...data, range: 'day', date: '2026-12-01' }));
    const text = cardText(day);
    expect(text).toContain('Tuesday, December 1, 2026');
    expect(text).toMatch(/11:00 – 12:00\nPrivate appointment\nBusy/);
    expect(text).not.toMatch(/budget|Agency fee|confidential figures/i);
    expect(text).toContain('Private events show as busy time only.');
    expect(inputValue(day, 'date')).toBe('2026-12-01');
  });

  it('limited read: titles and places only, private events as busy blocks', async () => {
    // Adele shares her primary calendar with Alex at limitedRead (seed).
    const week = cardFrom(await bot.click(alex, await agendaOf(alex, adele)));
    const text = cardText(week);
    expect(text).toContain("Adele Vance's calendar · Titles and places");
    expect(text).toMatch(/11:00 – 12:00\nStore managers sync\nRoom 1.02 Vega/);
    expect(text).toMatch(/Contract negotiation - Fabrikam\nFabrikam HQ/);
    expect(text).toMatch(/16:30 – 17:30\nPrivate appointment/);
    expect(text).not.toMatch(/Weekly numbers|signed NDA|Organised by|School pick-up|Jules Ferry/);
    expect(text).toContain('You see titles and locations.');
  });

  it('free/busy: times and status only, converted from the owner\'s zone to mine', async () => {
    // Patti (Europe/London) shares her primary calendar with Megan (Europe/Paris) at freeBusyRead (seed).
    const week = cardFrom(await bot.click(megan, await agendaOf(megan, patti)));
    const text = cardText(week);
    expect(text).toContain("Patti Fernandez's calendar · Free/busy only");
    expect(text).toMatch(/Monday, November 23\n11:00 – 12:00\nBusy/);
    expect(text).toMatch(/Thursday, November 26\n20:00 – 23:00\nBusy/);
    expect(text).not.toMatch(/Board|The Ivy|Slides/);
    expect(text).toContain('You see free/busy times only.');
  });

  it('today, and a chosen day', async () => {
    const data = await agendaOf(megan, patti);
    const today = cardText(cardFrom(await bot.click(megan, { ...data, range: 'today' })));
    expect(today).toContain('Today, Monday, November 23');
    expect(today).toContain('11:00 – 12:00');
    expect(today).not.toContain('20:00');

    const phoenix = await agendaOf(megan, alex);
    const empty = cardText(cardFrom(await bot.click(megan, { ...phoenix, range: 'today' })));
    expect(empty).toContain('Nothing in this calendar for this period.');

    expect(textFrom(await bot.click(megan, { ...phoenix, range: 'day' }))).toContain('Pick a day first');
    expect(textFrom(await bot.click(megan, { ...phoenix, range: 'day', date: '2026-02-30' }))).toContain('Pick a day first');
  });

  it('follows the bot clock for "today" and "this week"', async () => {
    const data = await agendaOf(megan, alex);
    bot.clock.advance(24 * 3600_000);
    const today = cardText(cardFrom(await bot.click(megan, { ...data, range: 'today' })));
    expect(today).toContain('Today, Tuesday, November 24');
    expect(today).toContain('Phoenix kickoff');
    bot.clock.advance(7 * 24 * 3600_000);
    expect(cardText(cardFrom(await bot.click(megan, data)))).toContain('Week of Monday, November 30');
  });

  it('uses the Teams client\'s zone when the mailbox zone cannot be read, then UTC', async () => {
    const data = await agendaOf(megan, patti);
    // Megan's mailbox zone, read by earlier clicks, is taken as known for five minutes.
    bot.clock.advance(6 * 60_000);
    bot.emulator.control.injectFault({ path: '^/me/mailboxSettings', status: 500 });
    const newYork = cardText(cardFrom(await clickFrom(megan, { ...data, range: 'today' }, 'America/New_York')));
    expect(newYork).toContain('05:00 – 06:00');
    expect(newYork).toContain('Times in America/New_York.');
    const utc = cardText(cardFrom(await clickFrom(megan, { ...data, range: 'today' })));
    expect(utc).toContain('10:00 – 11:00');
    expect(utc).toContain('Times in UTC.');
  });

  it('speaks French, dates included', async () => {
    const data = await agendaOf(inFrench(megan), alex);
    const text = cardText(cardFrom(await bot.click(inFrench(megan), data)));
    expect(text).toContain('Semaine du lundi 23 novembre');
    expect(text).toContain("Calendrier d'Alex Wilber · Tous les détails");
    expect(text).toContain('Organisé par Alex Wilber');
  });

  it('works from the Action.Submit fallback with the date input', async () => {
    const data = await agendaOf(megan, alex);
    const turn = await submit(bot, megan, { ...data, range: 'day', date: '2026-11-24' });
    expect(cardText(cardFrom(turn))).toContain('Phoenix kickoff');
  });

  it('says so when the owner revoked meanwhile, and offers to ask again or to remove it', async () => {
    const data = await agendaOf(megan, alex);
    await revoke(bot, alex, 'Project Phoenix', megan);
    const card = cardFrom(await bot.click(megan, data));
    expect(cardText(card)).toContain('Alex Wilber no longer shares this calendar with you');
    expect(buttonData(card, 'Ask Alex again')).toEqual({ verb: 'requestAccess', ownerAddress: 'alexw@example.com' });
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(buttonData(card, 'Remove')).toEqual({ verb: 'askUnsubscribe', subscriptionId: subscription.id });
  });

  it.each([
    [500, undefined, 'Microsoft 365 is not answering right now'],
    [429, '120', 'Please try again in 120 seconds'],
  ])('explains a Graph %s while reading the agenda, without calling it a revocation', async (status, retryAfter, message) => {
    const data = await agendaOf(megan, alex);
    bot.emulator.control.injectFault({ path: '/calendarView$', status, retryAfter });
    const text = textFrom(await bot.click(megan, data));
    expect(text).toContain(message);
    expect(text).not.toContain('no longer shares');
  });

  it('refuses another person\'s card, a stale one and tampered data', async () => {
    const data = await agendaOf(megan, alex);
    bot.emulator.control.clearRequests();
    expect(textFrom(await bot.click(alex, data))).toContain("This card belongs to someone else's calendar list");
    // Refused before any Graph read with Alex's token.
    expect(bot.emulator.control.requests().filter((request) => request.path.includes('calendarView'))).toEqual([]);
    expect(textFrom(await bot.click(megan, { ...data, subscriptionId: 'no-such-subscription' }))).toContain('You no longer follow this calendar');
    expect(textFrom(await bot.click(megan, { ...data, range: 'year' }))).toContain('This button is no longer valid');
    expect(textFrom(await bot.click(megan, { verb: 'showAgenda' }))).toContain('This button is no longer valid');
  });
});
