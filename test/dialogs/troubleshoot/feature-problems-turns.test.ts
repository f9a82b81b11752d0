import { suiteHarness } from '../../support/bot-harness';
import { inFrench, megan } from '../../support/demo-users';
import { cardFrom, cardText, inputValue, press } from '../../support/cards';

/**
 * Troubleshooting for the features other issues added (email snapshots, published calendars, ICS feeds,
 * two-way sync): a sentence typed in plain words opens the case on the right problem, and the tree
 * leads to the advice for what went wrong.
 */
describe('troubleshooting snapshots, publishing, feeds and sync, from plain words', () => {
  const bot = suiteHarness();
  beforeEach(() => bot.emulator.control.reset());

  it.each([
    ['fr', "megan n'a jamais recu mon instantane", 'snapshot-problem', "Il n'est pas arrivé", 'Regardez dans les indésirables du destinataire'],
    ['en', 'my published calendar does not show my latest changes', 'publish-problem', 'It does not show my changes', 'Apps refresh on their own schedule'],
    ['fr', 'mon flux ics ne se met plus a jour', 'feed-problem', 'Il ne se met pas à jour', 'Voyez si le flux est en pause'],
    ['en', 'duplicates in my calendar after the google sync', 'sync-problem', 'Events appear twice', 'One sync per pair of calendars'],
  ] as const)('%s "%s" opens the %s case and leads to its advice', async (locale, text, symptom, answer, advice) => {
    const user = locale === 'fr' ? inFrench(megan) : megan;
    let card = cardFrom(await bot.say(user, text));
    expect(inputValue(card, 'symptom')).toBe(symptom);
    card = cardFrom(await press(bot, user, card, locale === 'fr' ? 'Suivant' : 'Next', { client: 'outlook-web', symptom }));
    card = cardFrom(await press(bot, user, card, answer));
    expect(cardText(card)).toContain(advice);
  });

  it('lists the new problems on the troubleshooting card in both languages', async () => {
    expect(cardText(cardFrom(await bot.say(megan, '/troubleshoot')))).toContain('Two-way sync with Google, iCloud or CalDAV does not work');
    expect(cardText(cardFrom(await bot.say(inFrench(megan), '/depanner')))).toContain("Un calendrier envoyé par e-mail (instantané) n'est pas arrivé ou semble faux");
  });
});
