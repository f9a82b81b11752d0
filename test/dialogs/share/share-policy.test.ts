import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { adele, alex, inFrench, isaiah, megan, patti } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { buttonData, cardJson, choiceValues, inputValue, invokeCard } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { deliveredInvitation, review, share, toUser } from './share-kit';

/** The sharing rules shown before anything is written, and the email fallback with /accept CODE. */
describe('sharing rules and invitations by email', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBotHarness();
  });
  afterEach(() => bot.stop());

  const permissionOf = (calendar: string, address: string) =>
    bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, calendar)).find((permission) => permission.address === address);
  const codeIn = (html: string) => /\/accept ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(html)?.[1] ?? '';

  it.each([
    ['a partner domain: at most titles and places', 'jordan@partner.example.org', 'write', ['freeBusyRead', 'limitedRead'], 'limitedRead', 'the policy allows at most Titles and places'],
    ['the default external policy: free/busy only', 'sam@fabrikam.example.net', 'read', ['freeBusyRead'], 'freeBusyRead', 'the policy allows at most Free/busy only'],
  ])('says up front what the policy allows for %s, and offers that level', async (_case, address, wanted, offered, proposed, note) => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Calendar', people: address, role: wanted }));
    expect(cardJson(reviewed)).toContain(`Outside your organisation: ${note}.`);
    expect(choiceValues(reviewed, 'role_0')).toEqual(offered);
    expect(inputValue(reviewed, 'role_0')).toBe(proposed);
    expect(permissionOf('Calendar', address)).toBeUndefined();

    await bot.click(alex, buttonData(reviewed, 'Share'));
    expect(permissionOf('Calendar', address)).toMatchObject({ role: proposed });
  });

  it('never gives an outsider more than the policy, even with a tampered level', async () => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Calendar', people: 'jordan@partner.example.org', role: 'read' }));
    const turn = invokeCard(await bot.click(alex, { ...buttonData(reviewed, 'Share'), role_0: 'write' }));
    expect(cardJson(turn)).toContain('That level is not allowed for jordan@partner.example.org.');
    expect(permissionOf('Calendar', 'jordan@partner.example.org')).toBeUndefined();
    const confirmed = invokeCard(await bot.click(alex, { ...buttonData(reviewed, 'Share'), role_0: 'freeBusyRead' }));
    expect(cardJson(confirmed)).toContain('Free/busy only');
    expect(permissionOf('Calendar', 'jordan@partner.example.org')).toMatchObject({ role: 'freeBusyRead' });
  });

  it('offers delegation on the main calendar only', async () => {
    const onPrimary = invokeCard(await review(bot, alex, { calendar: 'Calendar', people: 'meganb@example.com', role: 'delegateWithoutPrivateEventAccess' }));
    expect(choiceValues(onPrimary, 'role_0')).toContain('delegateWithoutPrivateEventAccess');
    const elsewhere = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'delegateWithoutPrivateEventAccess' }));
    expect(choiceValues(elsewhere, 'role_0')).toEqual(['freeBusyRead', 'limitedRead', 'read', 'write']);
    expect(inputValue(elsewhere, 'role_0')).toBe('write');
    expect(cardJson(elsewhere)).toContain('only your main calendar can have delegates');
  });

  it('lists who cannot be included, and why', async () => {
    const reviewed = invokeCard(
      await review(bot, alex, { calendar: 'Team Offsite', people: 'alexw@example.com, nobody@example.com, not-an-address@, Zorro, meganb@example.com', role: 'read' }),
    );
    const text = cardJson(reviewed);
    expect(text).toContain('alexw@example.com: that is you, the owner of the calendar.');
    expect(text).toContain('nobody@example.com: nobody in your organisation has this name or address.');
    expect(text).toContain('not-an-address@: this is not a valid email address.');
    expect(text).toContain('Zorro: nobody in your organisation has this name or address.');
    expect(text).toContain('Megan Bowen (meganb@example.com)');
    const nobodyLeft = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'alexw@example.com', role: 'read' }));
    expect(cardJson(nobodyLeft)).toContain('Nobody left to share with.');
  });

  it('shares with several people at once, each with their own level and channel', async () => {
    await bot.say(adele, 'bonjour');
    const confirmed = invokeCard(await share(bot, alex, { calendar: 'Team Offsite', people: 'adelev@example.com; pattif@example.com', role: 'limitedRead' }, { role_1: 'freeBusyRead' }));
    expect(cardJson(confirmed)).toContain('Invitation sent in Teams: waiting for an answer.');
    expect(cardJson(confirmed)).toContain('Invitation sent by email (I cannot reach Patti Fernandez in Teams)');
    expect(permissionOf('Team Offsite', 'adelev@example.com')).toMatchObject({ role: 'limitedRead' });
    expect(permissionOf('Team Offsite', 'pattif@example.com')).toMatchObject({ role: 'freeBusyRead' });
    expect(cardJson(await deliveredInvitation(bot, adele))).toContain('Alex Wilber partage un calendrier avec vous');
    expect(bot.emulator.control.sentMail('adelev@example.com')).toHaveLength(0);
    expect(bot.emulator.control.sentMail('pattif@example.com')).toHaveLength(1);
  });

  it('invites by email with a code when the bot cannot reach the person, and /accept CODE redeems it', async () => {
    const confirmed = invokeCard(await share(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' }));
    expect(cardJson(confirmed)).toContain('Invitation sent by email (I cannot reach Patti Fernandez in Teams)');
    expect(await bot.deliverOutbox()).toEqual([]);
    const [mail] = bot.emulator.control.sentMail('pattif@example.com');
    expect(mail).toMatchObject({ subject: 'Alex Wilber shared the calendar «Team Offsite» with you', from: { address: alex.email } });
    const code = codeIn(mail.body.content);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // Someone else with the code gets what an unknown code gets; a typo is explained.
    expect((await bot.say(isaiah, `/accept ${code}`)).messages[0].text).toBe(
      'No invitation for you has this code. Check it in the email, or ask the person who shared to share again.',
    );
    expect((await bot.say(patti, '/accept hello')).messages[0].text).toContain('is not an invitation code');

    const accepted = await bot.say(patti, `/accept ${code.toLowerCase()}`);
    expect(cardJson(cardOf(accepted.messages[0]))).toContain('You accepted this invitation.');
    expect(toUser(await bot.deliverOutbox(), alex).map((activity) => activity.text)).toEqual(['Patti Fernandez accepted your invitation to «Team Offsite» (All details). They add it to their own Outlook: I gave them the steps.']);
    const again = await bot.say(patti, `accepter ${code}`);
    expect(cardJson(cardOf(again.messages[0]))).toContain('You accepted this invitation.');
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('shows the invitations waiting for me on /accept without a code', async () => {
    await bot.say(megan, 'hello');
    expect((await bot.say(megan, '/accept')).messages[0].text).toContain('You have no invitation waiting.');
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
    const turn = await bot.say(megan, '/accept');
    expect(turn.messages[0].text).toBe('Invitations waiting for your answer:');
    expect(cardJson(cardOf(turn.messages[1]))).toContain('Alex Wilber shares a calendar with you');
  });

  it('speaks each person\'s language: the owner\'s review, the recipient\'s invitation', async () => {
    await bot.say(inFrench(megan), 'bonjour');
    const reviewed = invokeCard(await review(bot, inFrench(alex), { calendar: 'Team Offsite', people: 'meganb@example.com, jordan@partner.example.org', role: 'write' }));
    expect(cardJson(reviewed)).toContain('Vous allez partager « Team Offsite » avec :');
    expect(cardJson(reviewed)).toContain('la stratégie autorise au plus Titres et lieux');
    const status = invokeCard(await bot.click(inFrench(alex), buttonData(reviewed, 'Partager')));
    expect(cardJson(status)).toContain('Invitation envoyée dans Teams');
    expect(cardJson(await deliveredInvitation(bot, megan))).toContain('Alex Wilber partage un calendrier avec vous');
    expect(bot.emulator.control.sentMail('jordan@partner.example.org')[0].subject).toBe('Alex Wilber a partagé le calendrier « Team Offsite » avec vous');
  });
});
