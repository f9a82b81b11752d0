import { alex, inFrench, megan } from '../../support/demo-users';
import { buttonData, buttonTitles, cardFrom, cardText, invokeCard, messageCards, textFrom, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { checklist } from '../troubleshoot/card-kit';
import { deliveredInvitation, share } from '../share/share-kit';
import { demoWorld, follow, phoenixFromInvitation, subscriptionsOf } from '../subscribe/world';

/**
 * After a share is accepted, the calendar is followed in the assistant but not in Outlook: Graph cannot add it there.
 * The card says which is which (from Graph's calendar list), gives each app's steps, and checks again on "Done".
 */
describe('adding an accepted calendar to Outlook', () => {
  const bot = demoWorld();

  const addToList = (calendar: string) => bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, calendar) });

  /** Alex shares "Team Offsite" with Megan in the bot and Megan accepts: the cards of her click. */
  async function acceptOffsite(user = megan): Promise<{ accepted: Card | undefined; steps: Card[] }> {
    await bot.say(megan, '/help'); // the bot can reach Megan in Teams once she has talked to it
    await share(bot, alex, { calendar: 'Team Offsite', people: megan.email, role: 'read' });
    const invitation = await deliveredInvitation(bot, megan);
    const turn = await bot.click(user, buttonData(invitation, 'Accept'));
    return { accepted: invokeCard(turn), steps: messageCards(turn).filter((card) => JSON.stringify(card).includes('checkOutlookList')) };
  }

  it('after Accept: followed here, not in the Outlook list yet, each app\'s steps, then "Done" shows what Graph says', async () => {
    const { accepted, steps } = await acceptOffsite();
    expect(cardText(accepted)).toContain('does not add «Team Offsite» to your Outlook by itself');
    expect(steps).toHaveLength(1);
    const [guide] = steps;
    expect(cardText(guide)).toMatch(/^Add «Team Offsite» to your Outlook\n/);
    expect(checklist(guide)).toEqual(['✓ Followed in this assistant', '✗ Not in your Outlook calendar list yet']);
    for (const client of ['Outlook on the web', 'New Outlook for Windows', 'Classic Outlook for Windows', 'Outlook for Mac', 'Outlook mobile (iPhone, Android)', 'iPhone Calendar', 'Outlook 2013 over ActiveSync']) {
      expect(cardText(guide)).toContain(client);
    }
    expect(cardText(guide)).toContain('Add calendar > Add from directory, type alexw@example.com');
    expect(cardText(guide)).toContain('Open Calendar > From Address Book, pick Alex Wilber');
    expect(buttonTitles(guide)).toEqual(['Done', 'Agenda']);

    // Not added yet: the check says so and offers the troubleshooter.
    const still = cardFrom(await bot.click(megan, buttonData(guide, "Done")));
    expect(cardText(still)).toContain('I checked again just now: it is not in your Outlook calendar list yet.');
    expect(checklist(still)).toContain('✗ Not in your Outlook calendar list yet');
    expect(buttonTitles(still)).toEqual(['Done', 'Agenda', 'Still missing']);

    // Added in Outlook: Graph's list has it, under Outlook's name for it.
    addToList('Team Offsite');
    const done = cardFrom(await bot.click(megan, buttonData(still, "Done")));
    expect(cardText(done)).toMatch(/^«Team Offsite» is in your Outlook\n/);
    expect(checklist(done)).toEqual(['✓ Followed in this assistant', '✓ In your Outlook calendar list as «Alex Wilber - Team Offsite»']);
    expect(cardText(done)).toContain('show it after a restart');
    expect(cardText(done)).not.toContain('Add from directory');
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(subscription.listEntryId).toBeDefined();
  });

  it('in French, "c\'est fait" typed checks again; a name of my own is then applied in Outlook', async () => {
    await phoenixFromInvitation(bot, 'Phénix');
    const french = inFrench(megan);
    const [before] = messageCards(await bot.say(french, "c'est fait"));
    expect(cardText(before)).toMatch(/^Ajoutez « Phénix » à votre Outlook\n/);
    expect(checklist(before)).toEqual(['✓ Suivi dans cet assistant', '✗ Pas encore dans la liste de calendriers de votre Outlook']);
    expect(cardText(before)).toContain("Je viens de vérifier de nouveau");
    expect(cardText(before)).toContain('Ajouter un calendrier > Ajouter à partir du répertoire');
    expect(buttonTitles(before)).toEqual(["C'est fait", 'Agenda', 'Toujours absent']);

    addToList('Project Phoenix');
    const [after] = messageCards(await bot.say(french, 'voila cest fait'));
    expect(checklist(after)).toEqual(['✓ Suivi dans cet assistant', '✓ Dans la liste de calendriers de votre Outlook sous le nom « Phénix »']);
    expect(cardText(after)).toContain('Je lui ai aussi donné votre nom « Phénix » dans votre liste Outlook.');
    const names = (await bot.app.gateway.listMyCalendars({ userId: megan.aadObjectId })).filter((calendar) => !calendar.canShare).map((calendar) => calendar.name);
    expect(names).toEqual(['Phénix']);
  });

  it('a "Done" of someone else\'s card changes nothing and shows nothing of it', async () => {
    await phoenixFromInvitation(bot);
    const [guide] = messageCards(await bot.say(megan, 'done'));
    const data = buttonData(guide, 'Done');
    bot.emulator.control.clearRequests();
    const turn = await bot.click(alex, data);
    expect(textFrom(turn)).toContain("This card belongs to someone else's calendar list");
    expect(JSON.stringify(turn.body)).not.toContain('Phoenix');
    expect(bot.emulator.control.requests()).toEqual([]);
  });

  it('after /subscribe: the done card says following here is not Outlook, and "Add to Outlook" checks the list', async () => {
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: calendarIdOf(bot, alex, 'Project Phoenix') });
    const done = await follow(bot, megan, alex);
    expect(cardText(done)).toContain('Following it in this assistant does not put it in your Outlook');
    const checked = cardFrom(await bot.click(megan, buttonData(done, 'Add to Outlook')));
    expect(checklist(checked)).toEqual(['✓ Followed in this assistant', '✓ In your Outlook calendar list as «Alex Wilber - Project Phoenix»']);
  });

  it('"done" with nothing followed: the list of calendars, not an error', async () => {
    const [card] = messageCards(await bot.say(megan, 'done'));
    expect(cardText(card)).toContain('You do not follow any shared calendar yet');
  });
});
