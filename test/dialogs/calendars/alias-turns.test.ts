import { alex, inFrench, megan, patti } from '../../support/demo-users';
import { buttonData, buttonTitles, cardFrom, cardText, choicesOf, inputValue, textFrom } from '../../support/cards';
import { checklist } from '../troubleshoot/card-kit';
import { calendarIdOf } from '../../support/demo-calendars';
import { demoWorld, follow, revoke, share, submit, subscriptionsOf } from '../subscribe/world';

describe('/alias: my own name for a followed calendar', () => {
  const bot = demoWorld();

  /** Megan's Outlook calendar list, as Graph shows it to her. */
  async function meganOutlookNames(): Promise<string[]> {
    const calendars = await bot.app.gateway.listMyCalendars({ userId: megan.aadObjectId });
    return calendars.filter((calendar) => !calendar.canShare).map((calendar) => calendar.name);
  }

  /** Megan follows Phoenix and opens its alias form from the done card. */
  async function aliasForm(): Promise<Record<string, unknown>> {
    const done = await follow(bot, megan, alex);
    const form = cardFrom(await bot.click(megan, buttonData(done, 'Give it my own name')));
    expect(cardText(form)).toContain('Now: Project Phoenix (Alex Wilber)');
    return buttonData(form, 'Save');
  }

  it('sets an alias kept by the bot, and says Outlook still shows the original when the calendar is not in it', async () => {
    const save = await aliasForm();
    const saved = cardFrom(await bot.click(megan, { ...save, alias: '  Phoenix   2026 ' }));
    expect(cardText(saved)).toContain('"Phoenix 2026" is now your name for Alex Wilber\'s "Project Phoenix"');
    expect(cardText(saved)).toContain('not in your Outlook calendar list yet');
    expect(await subscriptionsOf(bot, megan)).toEqual([expect.objectContaining({ alias: 'Phoenix 2026', calendarName: 'Project Phoenix' })]);
    expect(bot.emulator.control.requests().filter((request) => request.method === 'PATCH')).toEqual([]);

    // Used everywhere in the bot.
    expect(cardText(cardFrom(await bot.say(megan, '/calendars')))).toContain('Phoenix 2026');
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(cardText(cardFrom(await bot.click(megan, { verb: 'showAgenda', subscriptionId: subscription.id, range: 'week' })))).toMatch(/^Phoenix 2026\n/);
  });

  it('not in my Outlook list yet: the apps\' own steps and "Done", which applies the name there; never "rename again"', async () => {
    const save = await aliasForm();
    const saved = cardFrom(await bot.click(megan, { ...save, alias: 'Phoenix' }));
    expect(cardText(saved)).toMatch(/^"Phoenix" is now your name for Alex Wilber's "Project Phoenix"\n/);
    expect(checklist(saved)).toEqual(['✓ Followed in this assistant', '✗ Not in your Outlook calendar list yet']);
    expect(cardText(saved)).toContain('Add calendar > Add from directory, type alexw@example.com');
    expect(cardText(saved)).toContain('close Outlook 2013 completely and open it again');
    expect(cardText(saved)).not.toMatch(/\/alias again|run \/alias/);
    expect(buttonTitles(saved)).toEqual(['Done', 'Agenda']);

    // Added in Outlook, then "Done": renamed there, and the card ends with what each app needs to show it.
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Project Phoenix') });
    const done = cardFrom(await bot.click(megan, buttonData(saved, 'Done')));
    expect(checklist(done)).toEqual(['✓ Followed in this assistant', '✓ In your Outlook calendar list as «Phoenix»']);
    expect(cardText(done)).toContain('I gave it your name «Phoenix» in your Outlook list too.');
    expect(cardText(done)).toContain('Outlook 2013 or 2016 over ActiveSync, show it after a restart');
    expect(buttonTitles(done)).toEqual(['Agenda', 'My calendars']);
    expect(await meganOutlookNames()).toEqual(['Phoenix']);

    // Nothing left to do: a second "Done" renames nothing.
    bot.emulator.control.clearRequests();
    await bot.click(megan, buttonData(saved, 'Done'));
    expect(bot.emulator.control.requests().filter((request) => request.method === 'PATCH')).toEqual([]);
  });

  it('in French, the steps name the French command and the button says « C\'est fait »', async () => {
    const done = await follow(bot, inFrench(megan), alex);
    const form = cardFrom(await bot.click(inFrench(megan), buttonData(done, /Donner mon propre nom|nom/)));
    const saved = cardFrom(await bot.click(inFrench(megan), { ...buttonData(form, 'Enregistrer'), alias: 'Phénix' }));
    expect(cardText(saved)).toContain("Ce calendrier n'est pas encore dans la liste de calendriers de votre Outlook");
    expect(cardText(saved)).toContain('/renommer');
    expect(buttonTitles(saved)).toEqual(["C'est fait", 'Agenda']);
  });

  it('applies it to my view in Outlook when the shared calendar is in my list, never to the owner\'s', async () => {
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Project Phoenix') });
    expect(await meganOutlookNames()).toEqual(['Alex Wilber - Project Phoenix']);
    const save = await aliasForm();

    const saved = cardFrom(await bot.click(megan, { ...save, alias: 'Phoenix' }));
    expect(cardText(saved)).toContain('I renamed it in your Outlook calendar list too');
    expect(cardText(saved)).toContain('Outlook 2013 connected over Exchange ActiveSync shows it only after you restart it');
    expect(await meganOutlookNames()).toEqual(['Phoenix']);
    expect(bot.emulator.control.calendarsOf(alex.email).map((calendar) => calendar.name)).toContain('Project Phoenix');
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(subscription.listEntryId).toBeDefined();

    // Changed again: the entry recorded is renamed, whatever its name now.
    const changed = cardFrom(await bot.click(megan, { ...save, alias: 'Phénix' }));
    expect(cardText(changed)).toContain('I renamed it in your Outlook calendar list too');
    expect(await meganOutlookNames()).toEqual(['Phénix']);
    expect((await subscriptionsOf(bot, megan))[0].alias).toBe('Phénix');

    // The same name again: nothing to change in Outlook.
    bot.emulator.control.clearRequests();
    const same = cardFrom(await bot.click(megan, { ...save, alias: 'Phénix' }));
    expect(cardText(same)).toContain('That is already its name: nothing has changed.');
    expect(bot.emulator.control.requests().filter((request) => request.method === 'PATCH')).toEqual([]);
  });

  it('renames the right entry when the owner shares several calendars', async () => {
    await share(bot, alex, 'Team Offsite', megan, 'read');
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Team Offsite') });
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Project Phoenix') });
    await follow(bot, megan, alex);
    const offsite = (await subscriptionsOf(bot, megan)).find((subscription) => subscription.calendarName === 'Team Offsite');
    const saved = cardFrom(await bot.click(megan, { verb: 'saveAlias', subscriptionId: offsite?.id, alias: 'Annecy' }));
    expect(cardText(saved)).toContain('I renamed it in your Outlook calendar list too');
    expect((await meganOutlookNames()).sort()).toEqual(['Alex Wilber - Project Phoenix', 'Annecy']);
  });

  it('renames a shared primary calendar, which Outlook names after its owner', async () => {
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: patti.email });
    const done = await follow(bot, megan, patti);
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(buttonData(done, 'Give it my own name')).toEqual({ verb: 'askAlias', subscriptionId: subscription.id });
    await bot.click(megan, { verb: 'saveAlias', subscriptionId: subscription.id, alias: 'Patti (boss)' });
    expect(await meganOutlookNames()).toEqual(['Patti (boss)']);
  });

  it.each([
    ['empty', '   ', 'Type a name: it cannot be empty.'],
    ['too long', 'x'.repeat(65), 'That name is too long: use at most 64 characters.'],
    ['with markup', 'Phoenix <b>', "Use letters, digits, spaces and - _ . , ' & ( ) + # @ ! only."],
    ['with a slash', 'Phoenix/2026', "Use letters, digits, spaces and - _ . , ' & ( ) + # @ ! only."],
    ['with a control character', 'Phoenix\u0007', "Use letters, digits, spaces and - _ . , ' & ( ) + # @ ! only."],
  ])('refuses an alias %s with a clear message, keeping what was typed', async (_case, alias, message) => {
    const save = await aliasForm();
    const form = cardFrom(await bot.click(megan, { ...save, alias }));
    expect(cardText(form)).toContain(message);
    expect(inputValue(form, 'alias')).toBe(alias);
    expect((await subscriptionsOf(bot, megan))[0].alias).toBeUndefined();
  });

  it('accepts 64 characters and accents', async () => {
    const save = await aliasForm();
    const alias = `Équipe ${'é'.repeat(57)}`;
    expect([...alias]).toHaveLength(64);
    await bot.click(megan, { ...save, alias });
    expect((await subscriptionsOf(bot, megan))[0].alias).toBe(alias);
  });

  it('keeps the alias in the bot when Outlook cannot be renamed, and says so', async () => {
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Project Phoenix') });
    const save = await aliasForm();
    bot.emulator.control.injectFault({ method: 'PATCH', path: '^/me/calendars/', status: 500 });
    const saved = cardFrom(await bot.click(megan, { ...save, alias: 'Phoenix' }));
    expect(cardText(saved)).toContain('I saved the name in this assistant, but could not rename it in Outlook right now: Microsoft 365 is not answering');
    expect((await subscriptionsOf(bot, megan))[0].alias).toBe('Phoenix');
    expect(await meganOutlookNames()).toEqual(['Alex Wilber - Project Phoenix']);
  });

  it('keeps the alias when my calendar list cannot be read', async () => {
    const save = await aliasForm();
    bot.emulator.control.injectFault({ method: 'GET', path: '^/me/calendars$', status: 429, retryAfter: '120' });
    const saved = cardFrom(await bot.click(megan, { ...save, alias: 'Phoenix' }));
    expect(cardText(saved)).toContain('could not rename it in Outlook right now: Microsoft 365 is busy right now');
    expect((await subscriptionsOf(bot, megan))[0].alias).toBe('Phoenix');
  });

  it('says when the owner revoked meanwhile: the alias is kept, Outlook is left alone', async () => {
    const save = await aliasForm();
    await revoke(bot, alex, 'Project Phoenix', megan);
    const saved = cardFrom(await bot.click(megan, { ...save, alias: 'Phoenix' }));
    expect(cardText(saved)).toContain('Alex Wilber no longer shares this calendar with you.');
    expect(buttonData(saved, 'Ask Alex again')).toEqual({ verb: 'requestAccess', ownerAddress: 'alexw@example.com' });
  });

  describe('the /alias command', () => {
    it('says there is nothing to rename when I follow nothing', async () => {
      expect(textFrom(await bot.say(megan, '/alias'))).toContain('You do not follow any shared calendar yet, so there is nothing to rename.');
    });

    it('opens the form on my only calendar', async () => {
      await follow(bot, megan, alex);
      const form = cardFrom(await bot.say(megan, '/alias'));
      expect(cardText(form)).toContain('Now: Project Phoenix (Alex Wilber)');
      expect(choicesOf(form, 'subscriptionId')).toEqual([]);
    });

    it('lets me pick among several, pre-selecting the one my words name', async () => {
      await follow(bot, megan, alex);
      bot.clock.advance(60_000);
      await follow(bot, megan, patti);
      const [phoenix, pattis] = await subscriptionsOf(bot, megan);
      const form = cardFrom(await bot.say(megan, 'rename the phoenix calendar'));
      expect(choicesOf(form, 'subscriptionId')).toEqual([
        { title: 'Project Phoenix (Alex Wilber)', value: phoenix.id },
        { title: 'Calendar (Patti Fernandez)', value: pattis.id },
      ]);
      expect(inputValue(form, 'subscriptionId')).toBe(phoenix.id);
      expect(inputValue(cardFrom(await bot.say(megan, '/alias patti')), 'subscriptionId')).toBe(pattis.id);
      expect(inputValue(cardFrom(await bot.say(megan, '/alias')), 'subscriptionId')).toBe('');

      const save = buttonData(form, 'Save');
      expect(save).toEqual({ verb: 'saveAlias' });
      expect(textFrom(await bot.click(megan, { ...save, alias: 'Boss' }))).toBe('Pick the calendar to rename.');
      await bot.click(megan, { ...save, subscriptionId: pattis.id, alias: 'Boss' });
      expect((await subscriptionsOf(bot, megan)).map((subscription) => subscription.alias)).toEqual([undefined, 'Boss']);
    });

    it('works from the Action.Submit fallback, in French', async () => {
      await follow(bot, megan, alex);
      const form = cardFrom(await bot.say(inFrench(megan), '/renommer'));
      expect(cardText(form)).toContain('Donner votre propre nom à un calendrier partagé');
      const saved = cardFrom(await submit(bot, inFrench(megan), { ...buttonData(form, 'Enregistrer'), alias: '' }));
      expect(cardText(saved)).toContain('Tapez un nom : il ne peut pas être vide.');
      const ok = cardFrom(await submit(bot, inFrench(megan), { ...buttonData(form, 'Enregistrer'), alias: 'Phénix' }));
      expect(cardText(ok)).toContain("« Phénix » est désormais votre nom pour « Project Phoenix » d'Alex Wilber");
    });
  });

  it('refuses another person\'s card and tampered data', async () => {
    const save = await aliasForm();
    expect(textFrom(await bot.click(alex, { ...save, alias: 'Mine now' }))).toContain("This card belongs to someone else's calendar list");
    expect(textFrom(await bot.click(megan, { ...save, alias: ['Phoenix'] }))).toContain('This button is no longer valid');
    expect(textFrom(await bot.click(alex, { ...save, verb: 'askAlias' }))).toContain("This card belongs to someone else's calendar list");
    expect((await subscriptionsOf(bot, megan))[0].alias).toBeUndefined();
  });
});
