import { alex, inFrench, megan, patti } from '../../support/demo-users';
import { actionsOf, buttonData, cardFrom, cardText, choicesOf } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { demoWorld, follow, phoenixFromInvitation, revoke, submit, subscriptionsOf } from '../subscribe/world';

describe('/calendars: what I follow, checked against Graph', () => {
  const bot = demoWorld();

  it('says when I follow nothing, with a way to add one', async () => {
    const card = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(card)).toContain('You do not follow any shared calendar yet');
    expect(buttonData(card, 'Add a shared calendar')).toEqual({ verb: 'runCommand', command: 'subscribe' });
  });

  it('lists each calendar with its owner, my level and since when, with agenda, rename and unsubscribe', async () => {
    await follow(bot, megan, alex);
    bot.clock.advance(24 * 3600_000);
    await follow(bot, megan, patti);
    const [phoenix, pattis] = await subscriptionsOf(bot, megan);

    const card = cardFrom(await bot.say(megan, 'my shared calendars'));
    const text = cardText(card);
    expect(text).toContain('Calendars shared with you');
    expect(text.indexOf('Project Phoenix')).toBeLessThan(text.indexOf('Patti Fernandez (pattif@example.com)'));
    expect(text).toContain('Alex Wilber (alexw@example.com)');
    expect(text).toContain('November 23, 2026');
    expect(text).toContain('November 24, 2026');
    // The levels /subscribe read off each calendar and stored: "all details" for Phoenix, "free/busy" for Patti's.
    expect(text).toMatch(/Project Phoenix\n[^]*Your access\nAll details\n[^]*Patti Fernandez \(pattif@example.com\)\nYour access\nFree\/busy only\n/);
    expect(actionsOf(card).map((action) => action.data)).toEqual(
      expect.arrayContaining([
        { verb: 'showAgenda', subscriptionId: phoenix.id, range: 'week' },
        { verb: 'askAlias', subscriptionId: phoenix.id },
        { verb: 'askUnsubscribe', subscriptionId: pattis.id },
      ]),
    );
    expect(text).not.toContain('no longer shares');
  });

  it('says for each calendar whether it is in my Outlook list too, as Graph reports that list, in both languages', async () => {
    await follow(bot, megan, alex);
    await follow(bot, megan, patti);
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: patti.email });
    const [phoenix] = await subscriptionsOf(bot, megan);

    const card = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(card)).toContain('The calendars you follow in this assistant.');
    expect(cardText(card)).toMatch(/Project Phoenix\n[^]*In Outlook\nNot in your calendar list yet\n/);
    expect(cardText(card)).toMatch(/Patti Fernandez \(pattif@example.com\)\n[^]*In Outlook\nIn your calendar list as «Patti Fernandez»\n/);
    // Only the calendar missing from Outlook offers to add it.
    expect(actionsOf(card).filter((action) => action.verb === 'checkOutlookList').map((action) => action.data)).toEqual([{ verb: 'checkOutlookList', subscriptionId: phoenix.id }]);
    const guide = cardFrom(await bot.click(megan, buttonData(card, 'Add to Outlook')));
    expect(cardText(guide)).toContain('Add «Project Phoenix» to your Outlook');

    const french = cardText(cardFrom(await bot.say(inFrench(megan), '/calendriers')));
    expect(french).toMatch(/Dans Outlook\nPas encore dans votre liste de calendriers\n/);
    expect(french).toContain('Dans votre liste de calendriers sous le nom « Patti Fernandez »');
  });

  it('shows the role an invitation recorded, and the alias with the original name', async () => {
    await phoenixFromInvitation(bot, 'Phoenix');
    const text = cardText(cardFrom(await bot.say(megan, '/calendars')));
    expect(text).toContain('All details');
    expect(text).toMatch(/Phoenix\n[^]*Original name\nProject Phoenix/);
  });

  it('says when the owner revoked meanwhile, and offers to ask again or remove it', async () => {
    await follow(bot, megan, alex);
    await revoke(bot, alex, 'Project Phoenix', megan);
    const [subscription] = await subscriptionsOf(bot, megan);
    const card = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(card)).toContain('Alex Wilber no longer shares this calendar with you.');
    expect(buttonData(card, 'Ask Alex again')).toEqual({ verb: 'requestAccess', ownerAddress: 'alexw@example.com' });
    expect(buttonData(card, 'Remove')).toEqual({ verb: 'askUnsubscribe', subscriptionId: subscription.id });
    expect(actionsOf(card).map((action) => action.verb)).not.toContain('showAgenda');
    // Looking does not delete anything: the user decides.
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
  });

  it('keeps the list when Graph cannot check it, saying so instead of claiming a revocation', async () => {
    await follow(bot, megan, alex);
    bot.emulator.control.injectFault({ path: `^/users/${alex.aadObjectId}/calendars`, status: 500 });
    const card = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(card)).toContain('I could not check this calendar right now');
    expect(cardText(card)).not.toContain('no longer shares');
    expect(actionsOf(card).map((action) => action.verb)).toContain('showAgenda');
  });

  it('keeps the stored name in step when the owner renamed the calendar', async () => {
    await follow(bot, megan, alex);
    await bot.app.gateway.renameMyCalendarView({ userId: alex.aadObjectId }, { calendarId: calendarIdOf(bot, alex, 'Project Phoenix'), name: 'Phoenix rebrand' });
    expect(cardText(cardFrom(await bot.say(megan, '/calendars')))).toContain('Phoenix rebrand');
    expect((await subscriptionsOf(bot, megan))[0].calendarName).toBe('Phoenix rebrand');
  });

  it('offers the people whose calendars are in my Outlook but not followed here', async () => {
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: patti.email });
    await follow(bot, megan, alex);
    const card = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(card)).toContain('Also shared with you');
    expect(cardText(card)).toContain("Patti Fernandez's calendars shared with you\nFollow here\n");
    const offer = buttonData(card, 'Follow here');
    expect(offer).toEqual({ verb: 'subscribeOwner', ownerAddress: 'pattif@example.com' });
    const pick = cardFrom(await bot.click(megan, offer));
    expect(choicesOf(pick, 'calendarIds').map((choice) => choice.title)).toEqual(['Calendar (Free/busy only)']);
  });

  it('still lists what I follow when my Outlook calendar list cannot be read', async () => {
    await follow(bot, megan, alex);
    bot.emulator.control.injectFault({ path: '^/me/calendars$', status: 500 });
    const card = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(card)).toContain('Project Phoenix');
    expect(cardText(card)).not.toContain('Also shared with you');
    // It says it could not tell, never "not in your list".
    expect(cardText(card)).toContain('In Outlook\nCould not check right now');
    expect(cardText(card)).not.toContain('Not in your calendar list yet');
  });

  it('answers the list button and its Action.Submit fallback alike, in French', async () => {
    await follow(bot, megan, alex);
    const executed = cardFrom(await bot.click(inFrench(megan), { verb: 'showCalendars' }));
    const submitted = cardFrom(await submit(bot, inFrench(megan), { verb: 'showCalendars' }));
    expect(cardText(executed)).toContain('Calendriers partagés avec vous');
    expect(cardText(submitted)).toBe(cardText(executed));
  });

  it('shows only my own subscriptions', async () => {
    await follow(bot, megan, alex);
    const card = cardFrom(await bot.say(alex, '/calendars'));
    expect(cardText(card)).toContain('You do not follow any shared calendar yet');
    expect(cardText(card)).not.toContain('Project Phoenix');
  });
});
