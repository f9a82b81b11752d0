import { isaiah, alex, megan } from '../support/demo-users';
import { buttonData, cardFrom, cardText, choicesOf, invokeCard, press } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { checklist } from './troubleshoot/card-kit';
import { deliveredInvitation, share } from './share/share-kit';
import { asUser, demoWorld, follow, subscriptionsOf } from './subscribe/world';

/**
 * Isaiah's sign-in name (UPN, isaiah@) differs from his mail (isaiahl@), as it does for many people. Graph names a
 * mailbox by id or UPN only, and the emulator refuses a mail address there: every flow must still reach him.
 */
describe('someone whose mail address is not their sign-in name', () => {
  const bot = demoWorld();

  /** Paths that named a mailbox by mail address: Graph would answer 404 to each. */
  const mailKeyedPaths = () =>
    bot.emulator.control
      .requests()
      .map((request) => request.path)
      .filter((path) => /^\/users\/[^/]*@/i.test(path));

  beforeEach(() => bot.emulator.control.clearRequests());

  it('is shared with, typed by mail address, and his invitation reaches him', async () => {
    await bot.say(isaiah, 'hello');
    const confirmed = invokeCard(await share(bot, alex, { calendar: 'Team Offsite', people: isaiah.email, role: 'read' }));
    expect(cardText(confirmed)).toContain('Isaiah Langer');
    expect(bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Team Offsite')).find((p) => p.address === isaiah.email)?.role).toBe('read');
    expect(await deliveredInvitation(bot, isaiah)).toBeDefined();
    expect(mailKeyedPaths()).toEqual([]);
  });

  it('shares his calendar: /subscribe by his mail address lists it and follows it, then the agenda reads it', async () => {
    await bot.app.gateway.grantPermission(asUser(isaiah), { calendarId: calendarIdOf(bot, isaiah, 'Calendar'), recipient: { address: megan.email }, role: 'limitedRead' });

    const done = await follow(bot, megan, isaiah);
    expect(cardText(done)).toContain('Done: you now follow Calendar');
    const [subscription] = await subscriptionsOf(bot, megan);
    expect(subscription).toMatchObject({ ownerAddress: isaiah.email, ownerName: 'Isaiah Langer' });

    const agenda = cardFrom(await bot.click(megan, buttonData(done, 'Open the agenda')));
    expect(cardText(agenda)).not.toMatch(/cannot|could not/i);
    const reads = bot.emulator.control.requests().filter((request) => request.path.startsWith(`/users/${isaiah.aadObjectId}/`));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.status === 200)).toBe(true);
    expect(mailKeyedPaths()).toEqual([]);
  });

  it('is found typed by his sign-in name too, and known by his mail', async () => {
    await bot.app.gateway.grantPermission(asUser(isaiah), { calendarId: calendarIdOf(bot, isaiah, 'Calendar'), recipient: { address: megan.email }, role: 'read' });
    const pick = cardFrom(await bot.say(megan, '/subscribe isaiah@example.com'));
    expect(cardText(pick)).toContain('Calendars Isaiah Langer shares with you');
    expect(choicesOf(pick, 'calendarIds').map((choice) => choice.value)).toEqual([calendarIdOf(bot, isaiah, 'Calendar')]);
    expect(mailKeyedPaths()).toEqual([]);
  });

  it('has free/busy and working hours read with the others', async () => {
    const card = cardFrom(await bot.say(alex, 'find a 30 minute slot with Isaiah tomorrow'));
    expect(cardText(card)).toMatch(/Isaiah Langer\nFree\/busy only · works 09:00–17:00/);
    expect(mailKeyedPaths()).toEqual([]);
  });

  it('is diagnosed: in the organisation, and what he shares is checked by id', async () => {
    await bot.app.gateway.grantPermission(asUser(isaiah), { calendarId: calendarIdOf(bot, isaiah, 'Calendar'), recipient: { address: megan.email }, role: 'limitedRead' });
    let card = cardFrom(await bot.say(megan, '/troubleshoot'));
    card = cardFrom(await press(bot, megan, card, 'Next', { client: 'outlook-web', symptom: 'calendar-missing' }));
    card = cardFrom(await press(bot, megan, card, 'Check', { person: isaiah.email }));
    expect(checklist(card)).toEqual(
      expect.arrayContaining([
        '✓ Isaiah Langer (isaiahl@example.com) is in your organisation',
        '✓ Shared with you: Calendar (Can view)',
        "✓ Isaiah Langer's calendar can be read right now",
      ]),
    );
    expect(mailKeyedPaths()).toEqual([]);
  });
});
