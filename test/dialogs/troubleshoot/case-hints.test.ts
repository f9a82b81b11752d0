import { suiteHarness } from '../../support/bot-harness';
import { inFrench, megan } from '../../support/demo-users';
import { cardFrom, cardText, inputValue, press } from '../../support/cards';

/**
 * What the words after /troubleshoot say about a case: read by the classifier, like any sentence (one
 * way to understand plain words). Only recognised things fill the case: the problem, the app, the person.
 */
describe('the words typed after /troubleshoot', () => {
  const bot = suiteHarness();

  it.each([
    ['/depanner je ne vois pas le calendrier de Megan', 'calendar-missing'],
    ["/troubleshoot I can't see Megan's calendar", 'calendar-missing'],
    ["/depanner j'ai supprimé le mail d'invitation de alexw@example.com", 'invitation-lost'],
    ['/depanner mon alias ne s’affiche pas', 'alias-missing'],
    ['/troubleshoot my app cannot connect to Exchange', 'cannot-connect'],
    ['/depanner problème de MFA', 'sign-in-mfa'],
    ['/troubleshoot', ''],
  ])('%s → %s', async (text, symptom) => {
    const user = text.startsWith('/depanner') ? inFrench(megan) : megan;
    const card = cardFrom(await bot.say(user, text));
    expect(inputValue(card, 'symptom') ?? '').toBe(symptom);
  });

  it('takes the person named, so the case needs no question about them', async () => {
    const french = inFrench(megan);
    let card = cardFrom(await bot.say(french, "/depanner je ne vois pas le calendrier d'Alex"));
    card = cardFrom(await press(bot, french, card, 'Suivant', { client: 'outlook-web', symptom: 'calendar-missing' }));
    expect(inputValue(card, 'person')).toBeUndefined();
    expect(cardText(card)).toContain('Alex Wilber');
  });

  it('goes straight to the case when the words name the app and a problem that needs no person', async () => {
    const card = cardFrom(await bot.say(megan, '/troubleshoot Calendly cannot connect to Exchange'));
    expect(cardText(card)).toContain('How does the app connect to Exchange?');
  });
});
