import { buttonData, cardFrom, cardText } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { inFrench, isaiah, lynne, megan } from '../../support/demo-users';
import { checklist } from '../troubleshoot/card-kit';
import { press } from '../../support/cards';
import { demoWorld, subscriptionsOf } from './world';

/**
 * Listing the calendars of someone who shares nothing: Exchange answers 403 ErrorAccessDenied; some tenants
 * list that person's default calendar alone, which the caller still cannot open. Both mean "nothing shared".
 */
describe.each([
  ['Exchange refusing the list (403)', 'accessDenied'],
  ['a tenant listing the default calendar only', 'defaultCalendarOnly'],
] as const)('nothing shared, answered by %s', (_case, answer) => {
  const bot = demoWorld();
  beforeEach(() => bot.emulator.control.setUnsharedCalendarList(answer));

  it('/subscribe says so and offers to ask the owner (EN), and a forged save keeps nothing', async () => {
    const card = cardFrom(await bot.say(megan, `/subscribe ${lynne.email}`));
    expect(cardText(card)).toContain('Lynne Robbins shares no calendar with you');
    expect(buttonData(card, 'Ask Lynne')).toEqual({ verb: 'requestAccess', ownerAddress: lynne.email });

    const forged = cardFrom(await bot.click(megan, { verb: 'subscribeSave', ownerAddress: lynne.email, calendarIds: calendarIdOf(bot, lynne, 'Calendar') }));
    expect(cardText(forged)).toContain('Lynne Robbins shares no calendar with you');
    expect(await subscriptionsOf(bot, megan)).toEqual([]);
  });

  it('/abonner says so in French', async () => {
    const card = cardFrom(await bot.say(inFrench(megan), `/abonner ${lynne.email}`));
    expect(cardText(card)).toContain('Lynne Robbins ne partage aucun calendrier avec vous');
  });

  it('the diagnosis says nothing is shared, not that a calendar is shared but unreadable', async () => {
    let card = cardFrom(await bot.say(megan, '/troubleshoot'));
    card = cardFrom(await press(bot, megan, card, 'Next', { client: 'outlook-web', symptom: 'calendar-missing' }));
    card = cardFrom(await press(bot, megan, card, 'Check', { person: isaiah.email }));
    expect(checklist(card)).toEqual(expect.arrayContaining(['✗ Isaiah Langer shares no calendar with you', "✗ Isaiah Langer's calendar cannot be read right now"]));
    expect(checklist(card).join('\n')).not.toContain('Shared with you');
  });
});
