import { adele, alex, inFrench, isaiah, megan, patti } from '../../support/demo-users';
import { buttonData, cardFrom, cardText, choicesOf, choiceValues, inputValue, textFrom, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { asUser, demoWorld, follow, phoenixFromInvitation, revoke, share, submit, subscriptionsOf } from './world';

describe('/subscribe: follow a calendar someone already shared', () => {
  const bot = demoWorld();

  it('asks whose calendar, then lists what that person shares with me and at what level', async () => {
    const ask = cardFrom(await bot.say(megan, '/subscribe'));
    expect(cardText(ask)).toContain('Whose calendar do you want to see?');

    const empty = cardFrom(await bot.click(megan, { ...buttonData(ask, 'Show their calendars'), owner: '  ' }));
    expect(cardText(empty)).toContain('Pick a person, or type a name or an email address first.');

    const pick = cardFrom(await bot.click(megan, { ...buttonData(ask, 'Show their calendars'), owner: 'alexw@example.com' }));
    expect(cardText(pick)).toContain('Calendars Alex Wilber shares with you');
    // Only the calendar Alex shared with Megan (not his primary calendar, not "Team Offsite"), at the level its events show.
    expect(choicesOf(pick, 'calendarIds')).toEqual([{ title: 'Project Phoenix (All details)', value: calendarIdOf(bot, alex, 'Project Phoenix') }]);
    // One calendar: ticked already, so saving is one click.
    expect(inputValue(pick, 'calendarIds')).toBe(calendarIdOf(bot, alex, 'Project Phoenix'));
  });

  it('subscribes to one calendar: one record, and the next steps offered', async () => {
    const done = await follow(bot, megan, alex);
    expect(cardText(done)).toContain('Done: you now follow Project Phoenix');
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
    expect(subscription).toMatchObject({
      userId: megan.aadObjectId,
      ownerAddress: 'alexw@example.com',
      ownerName: 'Alex Wilber',
      calendarId: calendarIdOf(bot, alex, 'Project Phoenix'),
      calendarName: 'Project Phoenix',
      source: 'subscribe',
      createdAt: bot.clock.now().toISOString(),
    });
    // Graph never tells a sharee their role: the one stored is what the calendar's events showed.
    expect(subscription.role).toBe('read');
    expect(buttonData(done, 'Open the agenda')).toEqual({ verb: 'showAgenda', subscriptionId: subscription.id, range: 'week' });
    expect(buttonData(done, 'Give it my own name')).toEqual({ verb: 'askAlias', subscriptionId: subscription.id });
  });

  it('subscribes to several calendars of one owner at once', async () => {
    await share(bot, alex, 'Team Offsite', megan, 'limitedRead');
    const pick = cardFrom(await bot.say(megan, '/subscribe Alex Wilber'));
    const choices = choicesOf(pick, 'calendarIds');
    expect(choices.map((choice) => choice.title)).toEqual(['Project Phoenix (All details)', 'Team Offsite (Titles and places)']);
    expect(inputValue(pick, 'calendarIds')).toBe('');

    const done = cardFrom(await bot.click(megan, { ...buttonData(pick, 'Save'), calendarIds: choices.map((choice) => choice.value).join(',') }));
    expect(cardText(done)).toContain('Done: you now follow Project Phoenix, Team Offsite');
    expect((await subscriptionsOf(bot, megan)).map((s) => [s.calendarName, s.role])).toEqual([
      ['Project Phoenix', 'read'],
      ['Team Offsite', 'limitedRead'],
    ]);
  });

  it('keeps one record when subscribing twice, and says nothing changed', async () => {
    await follow(bot, megan, alex);
    const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
    expect(choicesOf(pick, 'calendarIds')[0].title).toBe('Project Phoenix (All details, already followed)');
    expect(inputValue(pick, 'calendarIds')).toBe('');

    const again = await follow(bot, megan, alex);
    expect(cardText(again)).toContain('You already followed it; nothing has changed.');
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
  });

  it('keeps the role and source an accepted invitation recorded when the same calendar is subscribed again', async () => {
    await phoenixFromInvitation(bot);
    const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
    expect(choicesOf(pick, 'calendarIds')[0].title).toBe('Project Phoenix (All details, already followed)');
    await follow(bot, megan, alex);
    expect(await subscriptionsOf(bot, megan)).toEqual([expect.objectContaining({ role: 'read', source: 'invitation' })]);
  });

  it.each([
    ['plain words with an address', 'I lost the invitation, subscribe me to alexw@example.com please'],
    ['the French command', '/abonner Alex'],
    ['a capitalised address', '/subscribe AlexW@Example.com'],
  ])('understands %s', async (_case, text) => {
    const pick = cardFrom(await bot.say(megan, text));
    expect(cardText(pick)).toMatch(/Alex Wilber/);
    expect(choicesOf(pick, 'calendarIds')).toHaveLength(1);
  });

  it('asks whose calendar when plain words name no one', async () => {
    const card = cardFrom(await bot.say(megan, 'I lost the invitation to a shared calendar'));
    expect(cardText(card)).toContain('Whose calendar do you want to see?');
  });

  it('lets me pick among several people matching a name', async () => {
    const people = cardFrom(await bot.say(megan, '/subscribe a'));
    expect(cardText(people)).toContain('Several people match "a"');
    const pick = cardFrom(await bot.click(megan, buttonData(people, 'Alex Wilber (alexw@example.com)')));
    expect(cardText(pick)).toContain('Calendars Alex Wilber shares with you');
  });

  it.each([
    ['an unknown address of my organisation', 'nobody@example.com', 'I know no one with the address nobody@example.com'],
    ['a name nobody has', 'Zebulon', 'No one in your organisation matches "Zebulon"'],
    ['something that is not an address', 'alex@example', '"alex@example" is not an email address'],
    ['myself', 'meganb@example.com', 'That is you'],
    ['someone outside the organisation', 'jordan@partner.example.org', 'outside your organisation'],
  ])('explains when the owner is %s, keeping what I typed', async (_case, owner, message) => {
    const card = cardFrom(await bot.say(megan, `/subscribe ${owner}`));
    expect(cardText(card)).toContain(message);
    expect(inputValue(card, 'owner')).toBe(owner);
    expect(await subscriptionsOf(bot, megan)).toEqual([]);
  });

  it('says plainly when nothing is shared with me, and offers to ask the owner', async () => {
    const card = cardFrom(await bot.say(megan, '/subscribe isaiahl@example.com'));
    expect(cardText(card)).toContain('Isaiah Langer shares no calendar with you');
    expect(buttonData(card, 'Ask Isaiah')).toEqual({ verb: 'requestAccess', ownerAddress: 'isaiahl@example.com' });
  });

  it('treats Exchange refusing to list the calendars as nothing shared', async () => {
    bot.emulator.control.injectFault({ path: `^/users/${alex.aadObjectId}/calendars`, status: 403, code: 'ErrorAccessDenied' });
    const card = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
    expect(cardText(card)).toContain('Alex Wilber shares no calendar with you');
  });

  it('subscribes only to calendars really shared, whatever the card says', async () => {
    const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
    const save = buttonData(pick, 'Save');
    const tampered = cardFrom(await bot.click(megan, { ...save, calendarIds: calendarIdOf(bot, alex, 'Team Offsite') }));
    expect(cardText(tampered)).toContain('Alex Wilber no longer shares one of these calendars with you');
    expect(await subscriptionsOf(bot, megan)).toEqual([]);

    // Another owner's address with a calendar of Alex: Graph lists Adele's calendars, which hold no such id.
    const otherOwner = await bot.click(megan, { ...save, ownerAddress: 'adelev@example.com', calendarIds: calendarIdOf(bot, alex, 'Project Phoenix') });
    expect(cardText(cardFrom(otherOwner))).toContain('shares no calendar with you');
    expect(await subscriptionsOf(bot, megan)).toEqual([]);

    expect(textFrom(await bot.click(megan, { ...save, calendarIds: '' }))).toBe('Pick at least one calendar, then save.');
    expect(textFrom(await bot.click(megan, { verb: 'subscribeSave', calendarIds: 'x' }))).toContain('This button is no longer valid');
    expect(textFrom(await bot.click(megan, { verb: 'subscribeOwner', ownerAddress: 42 }))).toContain('This button is no longer valid');
  });

  it('says so when the owner revoked between the list and the save', async () => {
    const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
    await revoke(bot, alex, 'Project Phoenix', megan);
    const card = cardFrom(await bot.click(megan, { ...buttonData(pick, 'Save'), calendarIds: inputValue(pick, 'calendarIds') }));
    expect(cardText(card)).toContain('Alex Wilber shares no calendar with you');
    expect(await subscriptionsOf(bot, megan)).toEqual([]);
  });

  it('works from the Action.Submit fallback with the same data', async () => {
    const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
    const turn = await submit(bot, megan, { ...buttonData(pick, 'Save'), calendarIds: inputValue(pick, 'calendarIds') });
    expect(cardText(cardFrom(turn))).toContain('Done: you now follow Project Phoenix');
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
  });

  it('speaks French', async () => {
    const pick = cardFrom(await bot.say(inFrench(megan), '/abonner alexw@example.com'));
    expect(cardText(pick)).toContain("Calendriers qu'Alex Wilber partage avec vous");
    expect(choicesOf(pick, 'calendarIds')[0].title).toBe('Project Phoenix (Tous les détails)');
    const done = await follow(bot, inFrench(megan), alex);
    expect(cardText(done)).toContain('C\'est fait : vous suivez maintenant Project Phoenix');
  });

  describe('the level I have, as the calendar shows it', () => {
    const calendarViews = () => bot.emulator.control.requests().filter((request) => request.path.endsWith('/calendarView'));
    const roundTrips = () => bot.emulator.control.requests().filter((request) => !request.inBatch).length;

    // The owner's primary calendar is read with the lookup, in its `$batch`; another calendar costs a round trip more.
    it.each([
      ['Patti shares her calendar at "free/busy"', megan, patti, 'Calendar (Free/busy only)', 'freeBusyRead', 1],
      ['Alex shares "Project Phoenix" at "All details"', megan, alex, 'Project Phoenix (All details)', 'read', 2],
      ['Adele shares her calendar at "Titles and places"', alex, adele, 'Calendar (Titles and places)', 'limitedRead', 1],
    ] as const)('%s: shown on the pick card, read with the lookup, and stored', async (_case, sharee, owner, title, role, trips) => {
      bot.emulator.control.clearRequests();
      const pick = cardFrom(await bot.say(sharee, `/subscribe ${owner.email}`));
      expect(choicesOf(pick, 'calendarIds').map((choice) => choice.title)).toEqual([title]);
      expect(roundTrips()).toBe(trips);
      await follow(bot, sharee, owner);
      expect(await subscriptionsOf(bot, sharee)).toEqual([expect.objectContaining({ ownerAddress: owner.email, role })]);
    });

    it('says only "can view", and stores no level, when the calendar has no event to tell by', async () => {
      // Two months on, the seeded events are all behind the window read.
      bot.clock.set(new Date('2027-01-25T09:00:00Z'));
      const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
      expect(choicesOf(pick, 'calendarIds')[0].title).toBe('Project Phoenix (Can view)');
      await follow(bot, megan, alex);
      expect((await subscriptionsOf(bot, megan))[0].role).toBeUndefined();
    });

    it('says only "can view" when the calendar cannot be read, and still saves', async () => {
      bot.emulator.control.injectFault({ path: '/calendarView$', status: 500 });
      const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
      expect(choicesOf(pick, 'calendarIds')[0].title).toBe('Project Phoenix (Can view)');
      expect(cardText(await follow(bot, megan, alex))).toContain('Done: you now follow Project Phoenix');
      expect((await subscriptionsOf(bot, megan))[0].role).toBeUndefined();
    });

    it('takes an edit share from the calendar itself, without reading its events', async () => {
      const calendarId = calendarIdOf(bot, alex, 'Team Offsite');
      await bot.app.gateway.grantPermission(asUser(alex), { calendarId, recipient: { address: megan.email }, role: 'write' });
      bot.emulator.control.clearRequests();
      const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
      expect(choicesOf(pick, 'calendarIds').map((choice) => choice.title)).toEqual(['Project Phoenix (All details)', 'Team Offsite (Edit)']);
      expect(calendarViews().filter((request) => request.path.includes(calendarId))).toEqual([]);
      await follow(bot, megan, alex, ['Team Offsite']);
      expect(await subscriptionsOf(bot, megan)).toEqual([expect.objectContaining({ calendarName: 'Team Offsite', role: 'write' })]);
    });

    it('follows the owner lowering an invitation\'s level in Outlook, keeping where the record came from', async () => {
      await phoenixFromInvitation(bot);
      await share(bot, alex, 'Project Phoenix', megan, 'limitedRead');
      const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
      expect(choicesOf(pick, 'calendarIds')[0].title).toBe('Project Phoenix (Titles and places, already followed)');
      await follow(bot, megan, alex);
      expect(await subscriptionsOf(bot, megan)).toEqual([expect.objectContaining({ role: 'limitedRead', source: 'invitation' })]);
    });

    it('reads no calendar for the cards that show no level, beyond the primary one sent with the lookup', async () => {
      bot.emulator.control.clearRequests();
      await bot.say(megan, '/subscribe');
      await bot.say(megan, '/subscribe a');
      expect(calendarViews()).toEqual([]);
      bot.emulator.control.clearRequests();
      await bot.say(megan, '/subscribe isaiahl@example.com');
      expect(calendarViews().map((request) => request.inBatch)).toEqual([true]);
      expect(roundTrips()).toBe(1);
    });
  });

  describe('with the Teams people picker', () => {
    it('offers the picker, with the typed name or address as the fallback', async () => {
      const ask = cardFrom(await bot.say(megan, '/subscribe'));
      expect(inputNode(ask, 'ownerId')).toMatchObject({
        type: 'Input.ChoiceSet',
        isMultiSelect: false,
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      });
      expect(inputNode(ask, 'owner')).toMatchObject({ type: 'Input.Text' });
    });

    it('opens the calendars of the person picked, by their directory id', async () => {
      const ask = cardFrom(await bot.say(megan, '/subscribe'));
      const pick = cardFrom(await bot.click(megan, { ...buttonData(ask, 'Show their calendars'), ownerId: alex.aadObjectId, owner: '' }));
      expect(cardText(pick)).toContain('Calendars Alex Wilber shares with you');
      expect(choiceValues(pick, 'calendarIds')).toEqual([calendarIdOf(bot, alex, 'Project Phoenix')]);
    });

    it('uses the typed text when nobody was picked', async () => {
      const ask = cardFrom(await bot.say(megan, '/subscribe'));
      const pick = cardFrom(await bot.click(megan, { ...buttonData(ask, 'Show their calendars'), ownerId: '', owner: 'alexw@example.com' }));
      expect(cardText(pick)).toContain('Calendars Alex Wilber shares with you');
    });

    it.each([
      ['an id the directory does not know', '11111111-2222-3333-4444-555555555555'],
      ['something that is no id at all', '../me'],
    ])('explains %s, keeping what I typed', async (_case, ownerId) => {
      const ask = cardFrom(await bot.say(megan, '/subscribe'));
      const card = cardFrom(await bot.click(megan, { ...buttonData(ask, 'Show their calendars'), ownerId, owner: 'Ale' }));
      expect(cardText(card)).toContain('I cannot find the person you picked in your organisation\'s directory');
      expect(inputValue(card, 'owner')).toBe('Ale');
      expect(await subscriptionsOf(bot, megan)).toEqual([]);
    });

    it('says it is me when I pick myself', async () => {
      const card = cardFrom(await bot.click(megan, { verb: 'subscribeOwner', ownerId: megan.aadObjectId }));
      expect(cardText(card)).toContain('That is you');
    });
  });

  describe('when Graph fails', () => {
    it('explains a directory outage while looking the owner up', async () => {
      bot.emulator.control.injectFault({ path: '^/users$', status: 500 });
      const turn = await bot.say(megan, '/subscribe alexw@example.com');
      expect(textFrom(turn)).toContain('Microsoft 365 is not answering right now');
    });

    it('explains throttling while listing the calendars, with the wait Graph asked for', async () => {
      bot.emulator.control.injectFault({ path: `^/users/${alex.aadObjectId}/calendars`, status: 429, retryAfter: '120' });
      const turn = await bot.say(megan, '/subscribe alexw@example.com');
      expect(textFrom(turn)).toContain('Please try again in 120 seconds');
    });

    it('saves nothing when the check before saving fails', async () => {
      const pick = cardFrom(await bot.say(megan, '/subscribe alexw@example.com'));
      bot.emulator.control.injectFault({ path: `^/users/${alex.aadObjectId}/calendars`, status: 500 });
      const turn = await bot.click(megan, { ...buttonData(pick, 'Save'), calendarIds: inputValue(pick, 'calendarIds') });
      expect(textFrom(turn)).toContain('Microsoft 365 is not answering right now');
      expect(await subscriptionsOf(bot, megan)).toEqual([]);
    });
  });

  it('records what it needs for the other people too (two sharees of one calendar stay apart)', async () => {
    await share(bot, alex, 'Project Phoenix', adele, 'read');
    await follow(bot, megan, alex);
    await follow(bot, adele, alex);
    expect(await subscriptionsOf(bot, megan)).toHaveLength(1);
    expect(await subscriptionsOf(bot, adele)).toHaveLength(1);
    expect(await subscriptionsOf(bot, isaiah)).toEqual([]);
  });
});

/** A card's input by id, whole: for properties a person does not read (the picker's data query). */
function inputNode(card: Card | undefined, id: string): Record<string, unknown> | undefined {
  const visit = (node: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(node)) return node.map(visit).find(Boolean);
    if (typeof node !== 'object' || node === null) return undefined;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && record.id === id) return record;
    return Object.values(record).map(visit).find(Boolean);
  };
  return visit(card);
}
