import { suiteHarness } from '../support/bot-harness';
import { adele, alex, inFrench, lynne } from '../support/demo-users';
import { calendarIdOf } from '../support/demo-calendars';
import { cardFrom, cardText, choiceValues, inputValue, textFrom } from '../support/cards';
import { SqlSubscriptionStore } from '../../src/subscriptions/subscription-store';

/** One turn per intent: the sentence reaches its command, and what it named lands in the card's fields. */
describe('every intent, typed in plain words', () => {
  const bot = suiteHarness();
  const fr = inFrench(alex);

  it('help: "que sais tu faire"', async () => {
    const help = cardText(cardFrom(await bot.say(fr, 'que sais tu faire')));
    expect(help).toContain('Ce que je sais faire');
    // French command words on the French card; each works when typed.
    expect(help).toContain('/partager');
    expect(help).not.toContain('/share');
    expect(inputValue(cardFrom(await bot.say(fr, '/partager')), 'emails')).toBe('');
  });

  it('calendars: "quels calendriers sont partages avec moi"', async () => {
    expect(cardText(cardFrom(await bot.say(fr, 'quels calendriers sont partages avec moi')))).toContain('Calendriers partagés avec vous');
  });

  it('subscribe: "ajouter le calendrier d\'Adele" looks Adele up and offers her calendars', async () => {
    const card = cardFrom(await bot.say(fr, "ajouter le calendrier d'Adele"));
    expect(cardText(card)).toContain('Adele Vance');
  });

  it('permissions: "qui voit mon agenda" lists who sees my calendars', async () => {
    expect(cardText(cardFrom(await bot.say(fr, 'qui voit mon agenda')))).toContain('Megan Bowen');
  });

  it('alias: "renommer le calendrier d\'Adele" pre-selects the calendar of Adele', async () => {
    const subscriptions = new SqlSubscriptionStore(bot.app.database.db, bot.clock);
    const adeleCalendar = calendarIdOf(bot, adele, 'Calendar');
    await subscriptions.upsert({ userId: alex.aadObjectId, ownerAddress: adele.email, ownerName: 'Adele Vance', calendarId: adeleCalendar, calendarName: 'Calendar', role: 'read', source: 'subscribe' });
    await subscriptions.upsert({ userId: alex.aadObjectId, ownerAddress: 'meganb@example.com', ownerName: 'Megan Bowen', calendarId: 'other-calendar', calendarName: 'Marketing', role: 'read', source: 'subscribe' });
    const card = cardFrom(await bot.say(fr, "renommer le calendrier d'Adele"));
    const chosen = inputValue(card, 'subscriptionId');
    const mine = await subscriptions.listFor(alex.aadObjectId);
    expect(chosen).toBe(mine.find((subscription) => subscription.ownerAddress === adele.email)?.id);
    expect(choiceValues(card, 'subscriptionId')).toHaveLength(2);
  });

  it('accept: "mon code est k7qm 4tzp" reads the code (lower case, space) and looks it up', async () => {
    expect(textFrom(await bot.say(fr, 'mon code est k7qm 4tzp'))).toMatch(/Aucune invitation/);
    expect(textFrom(await bot.say(alex, '/accept k7qm 4tzp'))).toMatch(/No invitation for you has this code/);
    expect(textFrom(await bot.say(alex, '/accept K7QM-4TZP'))).toMatch(/No invitation for you has this code/);
  });

  it('diagnose: "diagnostiquer Megan" by name, for the helpdesk', async () => {
    const card = cardFrom(await bot.say(inFrench(lynne), 'diagnostiquer Megan'));
    expect(cardText(card)).toContain('Megan Bowen');
    expect(cardText(cardFrom(await bot.say(lynne, '/diagnostiquer Megan Bowen')))).toContain('Megan Bowen');
    expect(textFrom(await bot.say(alex, 'diagnose Megan'))).toBe('Only the helpdesk can use /diagnose.');
  });
});
