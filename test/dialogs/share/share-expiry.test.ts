import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { alex, megan } from '../../support/demo-users';
import { buttonData, cardJson, invokeCard, refreshOf } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { deliveredInvitation, review, share, toUser } from './share-kit';

/** Shares with an end date: revoked by the sweeper at that date, both people told. */
describe('a share with an end date', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBotHarness();
    await bot.say(megan, 'hello');
  });
  afterEach(() => bot.stop());

  const permissionOf = () => bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Team Offsite')).find((permission) => permission.address === megan.email);

  it('ends after the chosen day: Graph access removed, subscription dropped, both told, once', async () => {
    // The harness clock is Monday 23 November 2026, 09:00 UTC: access lasts through the 25th.
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read', endDate: '2026-11-25' }));
    expect(cardJson(reviewed)).toContain('Access ends after 25 Nov 2026; you will both be told.');
    const status = invokeCard(await bot.click(alex, buttonData(reviewed, 'Share')));
    expect(cardJson(status)).toContain('"title":"Until","value":"25 Nov 2026"');
    const invitation = await deliveredInvitation(bot, megan);
    expect(cardJson(invitation)).toContain('25 Nov 2026');
    await bot.click(megan, buttonData(invitation, 'Accept'));
    await bot.deliverOutbox();

    bot.clock.set(new Date('2026-11-25T23:59:00Z'));
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
    expect(permissionOf()).toMatchObject({ role: 'read' });

    bot.clock.set(new Date('2026-11-26T00:00:00Z'));
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(1);
    expect(permissionOf()).toBeUndefined();
    expect(await new SqlSubscriptionStore(bot.app.database.db, bot.clock).listFor(megan.aadObjectId)).toEqual([]);
    const sent = await bot.deliverOutbox();
    expect(toUser(sent, megan).map((activity) => activity.text)).toEqual(['Your access to «Team Offsite» from Alex Wilber has ended, as planned.']);
    expect(toUser(sent, alex).map((activity) => activity.text)).toEqual(['Your share of «Team Offsite» with Megan Bowen has ended, as planned. They were told.']);
    expect(cardJson(invokeCard(await bot.click(megan, refreshOf(invitation)?.action.data ?? {})))).toContain('This share ended on 26 Nov 2026, as planned.');
    expect(cardJson(invokeCard(await bot.click(alex, refreshOf(status)?.action.data ?? {})))).toContain('Access ended on 26 Nov 2026, as planned.');

    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
    expect(await bot.deliverOutbox()).toEqual([]);
    const history = invokeCard(await bot.click(alex, { verb: 'permissionsHistory' }));
    expect(cardJson(history)).toContain('The share of «Team Offsite» with Megan Bowen ended on its end date.');
  });

  it('ends an invitation never answered too, and retries when Graph is busy', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read', endDate: '2026-11-23' });
    await bot.deliverOutbox();
    bot.clock.set(new Date('2026-11-24T00:00:01Z'));
    bot.emulator.control.injectFault({ method: 'DELETE', path: 'calendarPermissions/', status: 429, retryAfter: '120' });
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
    expect(permissionOf()).toBeDefined();
    expect(await bot.deliverOutbox()).toEqual([]);
    bot.emulator.control.clearFaults();
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(1);
    expect(permissionOf()).toBeUndefined();
  });

  it('treats access already removed in Outlook as ended', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read', endDate: '2026-11-24' });
    const calendarId = calendarIdOf(bot, alex, 'Team Offsite');
    const [permission] = (await bot.app.gateway.listPermissions({ userId: alex.aadObjectId }, { calendarId })).filter((entry) => entry.recipient.address === megan.email);
    await bot.app.gateway.revokePermission({ userId: alex.aadObjectId }, { calendarId, permissionId: permission.id });
    bot.clock.set(new Date('2026-11-25T00:00:00Z'));
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(1);
  });

  it.each(['2026-11-22', '2029-01-01'])('refuses the end date %s', async (endDate) => {
    const turn = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read', endDate }));
    expect(cardJson(turn)).toContain('The end date must be today or later, and within two years.');
  });
});
