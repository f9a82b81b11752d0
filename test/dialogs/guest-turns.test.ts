import { suiteHarness } from '../support/bot-harness';
import { buttonData, cardFrom, cardJson, cardText, choiceValues, invokeCard } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, inFrench, kim, megan } from '../support/demo-users';
import { review, toUser } from './share/share-kit';

/**
 * Kim is a guest: in the directory (userType Guest, a #EXT# sign-in name) but of another organisation, with no
 * mailbox here. Wherever it matters she is outside the organisation, whatever the directory lists.
 */
describe('a guest of the directory', () => {
  const bot = suiteHarness();
  beforeEach(() => {
    bot.emulator.control.reset();
    bot.emulator.control.clearFaults();
  });

  it('is offered at most what the sharing policy allows people outside, found by name', async () => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Calendar', people: 'Kim Abercrombie', role: 'read' }));
    expect(cardJson(reviewed)).toContain('Outside your organisation: the policy allows at most Free/busy only.');
    expect(choiceValues(reviewed, 'role_0')).toEqual(['freeBusyRead']);
  });

  it('is invited by email, not in Teams, even when she talks to the bot', async () => {
    await bot.say(kim, 'hello');
    await bot.deliverOutbox();
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Calendar', people: kim.email, role: 'freeBusyRead' }));
    const confirmed = invokeCard(await bot.click(alex, buttonData(reviewed, 'Share')));
    expect(cardJson(confirmed)).not.toContain('Invitation sent in Teams');
    expect(bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Calendar')).find((p) => p.address === kim.email)).toMatchObject({ role: 'freeBusyRead' });
    expect(toUser(await bot.deliverOutbox(), kim)).toEqual([]);
    expect(bot.emulator.control.sentMail(kim.email)).toHaveLength(1);
  });

  it('cannot be subscribed to directly: people outside share by invitation (FR)', async () => {
    const card = cardFrom(await bot.say(inFrench(megan), `/abonner ${kim.email}`));
    expect(cardText(card)).toContain('Kim Abercrombie est en dehors de votre organisation');
    expect(bot.emulator.control.requests().some((request) => request.path.startsWith(`/users/${kim.aadObjectId}/`))).toBe(false);
  });

  it('has no free/busy readable here: shown as someone outside', async () => {
    const card = cardFrom(await bot.say(alex, 'find a 30 minute slot with Kim Abercrombie tomorrow'));
    expect(cardText(card)).toMatch(/Kim Abercrombie\nOutside your organisation: unknown, nothing shared with you/);
  });
});
