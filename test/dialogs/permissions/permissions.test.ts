import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { adele, alex, inFrench, megan } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { buttonData, cardJson, choiceValues, invokeCard, refreshOf, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { deliveredInvitation, share, toUser } from '../share/share-kit';

/** /permissions: who sees my calendars, change a level, revoke, with confirmation; the audit log. */
describe('managing who sees my calendars', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBotHarness();
    await bot.say(megan, 'hello');
  });
  afterEach(() => bot.stop());

  const permissionOf = (calendar: string, address: string | null) =>
    bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, calendar)).find((permission) => permission.address === address);
  const list = async (): Promise<Card | undefined> => cardOf((await bot.say(alex, '/permissions')).messages[0]);

  /** The data of a button in the row of `who` (rows are ColumnSets: text, then their buttons). */
  function rowButton(card: Card | undefined, calendar: string, who: string, title: string): Record<string, unknown> {
    const calendarId = calendarIdOf(bot, alex, calendar);
    const rows = JSON.stringify(card).split('"type":"ColumnSet"').slice(1);
    const row = rows.find((candidate) => candidate.includes(who) && candidate.includes(calendarId) && candidate.includes(`"title":"${title}"`));
    if (!row) throw new Error(`No ${title} for ${who} in ${calendar}`);
    const data = new RegExp(`"title":"${title}","verb":"[^"]+"(?:,"style":"[^"]+")?,"data":(\\{[^}]+\\})`).exec(row)?.[1];
    return JSON.parse(data ?? '{}') as Record<string, unknown>;
  }

  it('lists each calendar, who has access and at what level; My Organization cannot be removed', async () => {
    const card = await list();
    const text = cardJson(card);
    expect(text).toContain('Megan Bowen: All details');
    expect(text).toContain('Everyone in your organisation: Free/busy only');
    expect(text).toContain('Calendar (main calendar)');
    expect(() => rowButton(card, 'Calendar', 'Everyone in your organisation', 'Remove')).toThrow();
    expect(rowButton(card, 'Calendar', 'Everyone in your organisation', 'Change')).toMatchObject({ verb: 'permissionsChange' });
  });

  it('changes a level after a confirmation, only to allowed levels, and tells the person', async () => {
    const change = rowButton(await list(), 'Project Phoenix', 'Megan Bowen', 'Change');
    const ask = invokeCard(await bot.click(alex, change));
    expect(cardJson(ask)).toContain('In «Project Phoenix», Megan Bowen has today: All details.');
    expect(choiceValues(ask, 'role')).toEqual(['freeBusyRead', 'limitedRead', 'read', 'write']);
    expect(permissionOf('Project Phoenix', megan.email)).toMatchObject({ role: 'read' });

    const tampered = await bot.click(alex, { ...buttonData(ask, 'Change'), role: 'delegateWithPrivateEventAccess' });
    expect(tampered.messages.map((activity) => activity.text)).toContain('That level is not allowed for Megan Bowen: nothing changed.');
    expect(permissionOf('Project Phoenix', megan.email)).toMatchObject({ role: 'read' });

    const done = await bot.click(alex, { ...buttonData(ask, 'Change'), role: 'limitedRead' });
    expect(done.messages.map((activity) => activity.text)).toContain('Megan Bowen now has Titles and places in «Project Phoenix». I told them.');
    expect(cardJson(invokeCard(done))).toContain('Megan Bowen: Titles and places');
    expect(permissionOf('Project Phoenix', megan.email)).toMatchObject({ role: 'limitedRead' });
    expect(toUser(await bot.deliverOutbox(), megan).map((activity) => activity.text)).toEqual([
      'Alex Wilber changed what you see in «Project Phoenix»: now Titles and places. You see when Alex Wilber is busy, with the title and place of each event.',
    ]);
  });

  it('offers an outsider only what the policy allows', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'jordan@partner.example.org', role: 'limitedRead' });
    const card = await list();
    expect(cardJson(card)).toContain('jordan@partner.example.org · outside your organisation · personal subscription link sent by email');
    const ask = invokeCard(await bot.click(alex, rowButton(card, 'Team Offsite', 'jordan@partner.example.org', 'Change')));
    expect(choiceValues(ask, 'role')).toEqual(['freeBusyRead', 'limitedRead']);
    const refused = await bot.click(alex, { ...buttonData(ask, 'Change'), role: 'read' });
    expect(refused.messages.map((activity) => activity.text)).toContain('That level is not allowed for jordan@partner.example.org: nothing changed.');
  });

  it('revokes a share made in the bot after a confirmation: Graph, invitation, subscription, the person told', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
    const invitation = await deliveredInvitation(bot, megan);
    await bot.click(megan, buttonData(invitation, 'Accept'));
    await bot.deliverOutbox();

    const ask = invokeCard(await bot.click(alex, rowButton(await list(), 'Team Offsite', 'Megan Bowen', 'Remove')));
    expect(cardJson(ask)).toContain('Megan Bowen will no longer see «Team Offsite» (today: All details). I will tell them.');
    expect(permissionOf('Team Offsite', megan.email)).toBeDefined();

    const done = await bot.click(alex, buttonData(ask, 'Stop sharing'));
    expect(done.messages.map((activity) => activity.text)).toContain('Megan Bowen no longer sees «Team Offsite». I told them.');
    expect(permissionOf('Team Offsite', megan.email)).toBeUndefined();
    expect(await new SqlSubscriptionStore(bot.app.database.db, bot.clock).listFor(megan.aadObjectId)).toEqual([]);
    expect(toUser(await bot.deliverOutbox(), megan).map((activity) => activity.text)).toEqual(['Alex Wilber stopped sharing «Team Offsite» with you.']);
    expect(cardJson(invokeCard(await bot.click(megan, refreshOf(invitation)?.action.data ?? {})))).toContain('Alex Wilber stopped sharing this calendar');

    // A replayed confirmation changes nothing more.
    const replay = await bot.click(alex, buttonData(ask, 'Stop sharing'));
    expect(replay.messages.map((activity) => activity.text)).toContain('That access no longer exists, or is not yours to change. Here is the current list.');
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('tells by email, once, a recipient the bot cannot reach in Teams when their level changes or access is removed', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'jordan@partner.example.org', role: 'limitedRead' });
    const jordan = 'jordan@partner.example.org';
    const subjects = () => bot.emulator.control.sentMail(jordan).map((mail) => mail.subject);
    expect(subjects()).toEqual(['Alex Wilber shared the calendar «Team Offsite» with you']);

    const ask = invokeCard(await bot.click(alex, rowButton(await list(), 'Team Offsite', jordan, 'Change')));
    const changed = await bot.click(alex, { ...buttonData(ask, 'Change'), role: 'freeBusyRead' });
    expect(changed.messages.map((activity) => activity.text)).toContain('jordan@partner.example.org now has Free/busy only in «Team Offsite». I told them.');
    expect(subjects()).toEqual(['Alex Wilber shared the calendar «Team Offsite» with you', 'Alex Wilber changed your access to «Team Offsite»']);
    expect(bot.emulator.control.sentMail(jordan)[1].body.content).toContain('now Free/busy only');

    const remove = invokeCard(await bot.click(alex, rowButton(await list(), 'Team Offsite', jordan, 'Remove')));
    await bot.click(alex, buttonData(remove, 'Stop sharing'));
    await bot.click(alex, buttonData(remove, 'Stop sharing'));
    expect(subjects().slice(2)).toEqual(['Alex Wilber stopped sharing «Team Offsite» with you']);
    expect(bot.emulator.control.sentMail(jordan)[2].body.content).toContain('Alex Wilber stopped sharing «Team Offsite» with you.');
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('emails someone without the app when a share made in Outlook is removed, in the owner\'s language', async () => {
    await bot.app.gateway.grantPermission({ userId: alex.aadObjectId }, { calendarId: calendarIdOf(bot, alex, 'Team Offsite'), recipient: { address: 'pattif@example.com' }, role: 'read' });
    const remove = rowButton(await list(), 'Team Offsite', 'pattif@example.com', 'Remove');
    const ask = invokeCard(await bot.click(inFrench(alex), remove));
    await bot.click(inFrench(alex), buttonData(ask, /Arrêter/));
    expect(bot.emulator.control.sentMail('pattif@example.com').map((mail) => mail.subject)).toEqual(['Alex Wilber a arrêté de partager « Team Offsite » avec vous']);
  });

  it('revokes a share made in Outlook too, and tells the person', async () => {
    const ask = invokeCard(await bot.click(alex, rowButton(await list(), 'Project Phoenix', 'Megan Bowen', 'Remove')));
    await bot.click(alex, buttonData(ask, 'Stop sharing'));
    expect(permissionOf('Project Phoenix', megan.email)).toBeUndefined();
    expect(toUser(await bot.deliverOutbox(), megan).map((activity) => activity.text)).toEqual(['Alex Wilber stopped sharing «Project Phoenix» with you.']);
  });

  it('refuses tampered and foreign entries: the organisation entry, another person\'s calendar', async () => {
    const orgEntry = rowButton(await list(), 'Calendar', 'Everyone in your organisation', 'Change');
    const removeOrg = await bot.click(alex, { ...orgEntry, verb: 'permissionsRevokeConfirm' });
    expect(removeOrg.messages.map((activity) => activity.text)).toContain('This entry cannot be removed; you can change its level.');
    expect(permissionOf('Calendar', null)).toBeDefined();

    const megansCalendar = bot.emulator.control.calendarsOf(megan.email)[0].id;
    const [megansEntry] = bot.emulator.control.permissionsOf(megan.email, megansCalendar);
    const foreign = await bot.click(alex, { verb: 'permissionsRevokeConfirm', calendarId: megansCalendar, permissionId: megansEntry.id });
    expect(foreign.messages.map((activity) => activity.text)).toContain('That access no longer exists, or is not yours to change. Here is the current list.');
    const byMegan = await bot.click(megan, rowButton(await list(), 'Project Phoenix', 'Megan Bowen', 'Remove'));
    expect(byMegan.messages.map((activity) => activity.text)).toContain('That access no longer exists, or is not yours to change. Here is the current list.');
    expect(permissionOf('Project Phoenix', megan.email)).toBeDefined();
  });

  it.each([
    ['listing', 'GET', '^/\\$batch$|calendarPermissions$', 429, 'Microsoft 365 is busy right now'],
    ['changing', 'PATCH', 'calendarPermissions/', 403, 'Microsoft 365 refused this request: you do not have access to it.'],
    ['revoking', 'DELETE', 'calendarPermissions/', 404, 'I could not find that in Microsoft 365.'],
  ])('explains a Graph failure while %s, and changes nothing', async (step, method, path, status, message) => {
    const card = await list();
    const ask = step === 'revoking' ? invokeCard(await bot.click(alex, rowButton(card, 'Project Phoenix', 'Megan Bowen', 'Remove'))) : invokeCard(await bot.click(alex, rowButton(card, 'Project Phoenix', 'Megan Bowen', 'Change')));
    bot.emulator.control.injectFault({ method: method === 'GET' ? undefined : method, path, status, retryAfter: '120' });
    const turn = step === 'listing' ? await bot.say(alex, '/permissions') : await bot.click(alex, { ...buttonData(ask, step === 'revoking' ? 'Stop sharing' : 'Change'), role: 'write' });
    const said = [...turn.messages.map((activity) => activity.text ?? ''), JSON.stringify(turn.body ?? '')].join(' ');
    expect(said).toContain(message);
    bot.emulator.control.clearFaults();
    expect(permissionOf('Project Phoenix', megan.email)).toMatchObject({ role: 'read' });
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('keeps an audit of every change, readable by the owner only, in their language', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
    bot.clock.advance(60_000);
    await bot.click(megan, buttonData(await deliveredInvitation(bot, megan), 'Accept'));
    bot.clock.advance(60_000);
    const ask = invokeCard(await bot.click(alex, rowButton(await list(), 'Team Offsite', 'Megan Bowen', 'Change')));
    await bot.click(alex, { ...buttonData(ask, 'Change'), role: 'write' });

    const history = cardJson(invokeCard(await bot.click(alex, { verb: 'permissionsHistory' })));
    const lines = ['You changed the level of Megan Bowen in «Team Offsite» from All details to Edit.', 'Megan Bowen accepted your invitation to «Team Offsite».', 'You shared «Team Offsite» with Megan Bowen (All details).'];
    const positions = lines.map((line) => history.indexOf(line));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(history).toContain('23 Nov 2026');
    expect(cardJson(invokeCard(await bot.click(megan, { verb: 'permissionsHistory' })))).toContain('Nothing yet');
    expect(cardJson(invokeCard(await bot.click(inFrench(alex), { verb: 'permissionsHistory' })))).toContain('Vous avez partagé « Team Offsite » avec Megan Bowen (Tous les détails).');
  });

  it('shows the history in the viewer\'s time zone, and says how many entries a long list leaves out', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
    const inAuckland = (user: typeof alex) =>
      bot.post(bot.activity(user, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', localTimezone: 'Pacific/Auckland', value: { action: { type: 'Action.Execute', verb: 'permissionsHistory', data: { verb: 'permissionsHistory' } } } }));
    expect(cardJson(invokeCard(await inAuckland(alex)))).toContain('23 Nov 2026, 22:00 GMT+13');
    expect(cardJson(invokeCard(await inAuckland(inFrench(alex))))).toContain('23 nov. 2026, 22:00 UTC+13');
    expect(cardJson(invokeCard(await bot.click(alex, { verb: 'permissionsHistory' })))).toContain('23 Nov 2026, 09:00 UTC');

    const calendarId = calendarIdOf(bot, alex, 'Project Phoenix');
    for (let i = 0; i < 32; i++) {
      await bot.app.gateway.grantPermission({ userId: alex.aadObjectId }, { calendarId, recipient: { address: `guest${i}@fabrikam.example.net` }, role: 'freeBusyRead' });
    }
    const total = bot.emulator.control.permissionsOf(alex.email, calendarId).length;
    expect(cardJson(await list())).toContain(`Showing the first 30: ${total - 30} more not listed here.`);
  });

  it('speaks French', async () => {
    const card = cardOf((await bot.say(adele, '/autorisations')).messages[0]);
    expect(cardJson(card)).toContain('Qui voit vos calendriers');
    expect(cardJson(card)).toContain('Alex Wilber : Titres et lieux');
  });
});
