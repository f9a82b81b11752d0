import { alex, megan } from '../../support/demo-users';
import { buttonData, cardFrom, cardText, textFrom } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { demoWorld, follow, revoke, submit, subscriptionsOf } from '../subscribe/world';

describe('unsubscribing from a followed calendar', () => {
  const bot = demoWorld();

  /** Megan follows Phoenix and clicks "Unsubscribe" in /calendars: the confirmation card. */
  async function askToUnsubscribe(): Promise<Record<string, unknown>> {
    await follow(bot, megan, alex);
    const list = cardFrom(await bot.say(megan, '/calendars'));
    return cardFrom(await bot.click(megan, buttonData(list, 'Unsubscribe')));
  }

  it('asks first, then removes my subscription and never the owner\'s permission', async () => {
    const confirm = await askToUnsubscribe();
    expect(cardText(confirm)).toContain('Unsubscribe from "Project Phoenix"?');
    expect(cardText(confirm)).toContain('Alex Wilber keeps sharing it with you');
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);

    const done = cardFrom(await bot.click(megan, buttonData(confirm, 'Unsubscribe')));
    expect(cardText(done)).toContain('You no longer follow "Project Phoenix" in this assistant.');
    expect(cardText(done)).toContain('It is not in your Outlook calendar list either: nothing else to do.');
    expect(await subscriptionsOf(bot, megan)).toEqual([]);
    const permissions = bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Project Phoenix'));
    expect(permissions).toEqual(expect.arrayContaining([expect.objectContaining({ address: 'meganb@example.com', role: 'read' })]));
    expect(bot.emulator.control.requests().filter((request) => request.method === 'DELETE')).toEqual([]);

    // A replayed click: nothing left to do, said plainly.
    const replay = cardFrom(await bot.click(megan, buttonData(confirm, 'Unsubscribe')));
    expect(cardText(replay)).toContain('You no longer follow this calendar: nothing to do.');
  });

  it('says when the calendar stays in my Outlook list, as Graph lists it, and how to remove it there', async () => {
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Project Phoenix') });
    const confirm = await askToUnsubscribe();
    const done = cardFrom(await bot.click(megan, buttonData(confirm, 'Unsubscribe')));
    expect(cardText(done)).toContain('It is still in your Outlook calendar list as «Alex Wilber - Project Phoenix»: to hide it there too');
  });

  it('keeps the subscription when I change my mind', async () => {
    const confirm = await askToUnsubscribe();
    const list = cardFrom(await bot.click(megan, buttonData(confirm, 'Keep it')));
    expect(cardText(list)).toContain('Project Phoenix');
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
  });

  it('removes a revoked calendar from the list', async () => {
    await follow(bot, megan, alex);
    await revoke(bot, alex, 'Project Phoenix', megan);
    const list = cardFrom(await bot.say(megan, '/calendars'));
    const confirm = cardFrom(await bot.click(megan, buttonData(list, 'Remove')));
    await bot.click(megan, buttonData(confirm, 'Unsubscribe'));
    expect(await subscriptionsOf(bot, megan)).toEqual([]);
  });

  it('works from the Action.Submit fallback', async () => {
    const confirm = await askToUnsubscribe();
    await submit(bot, megan, buttonData(confirm, 'Unsubscribe'));
    expect(await subscriptionsOf(bot, megan)).toEqual([]);
  });

  it('refuses another person\'s card and tampered data', async () => {
    const confirm = await askToUnsubscribe();
    const data = buttonData(confirm, 'Unsubscribe');
    expect(textFrom(await bot.click(alex, data))).toContain("This card belongs to someone else's calendar list");
    expect(textFrom(await bot.click(alex, { ...data, verb: 'askUnsubscribe' }))).toContain("This card belongs to someone else's calendar list");
    expect(textFrom(await bot.click(megan, { verb: 'confirmUnsubscribe', subscriptionId: '' }))).toContain('This button is no longer valid');
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
  });
});
