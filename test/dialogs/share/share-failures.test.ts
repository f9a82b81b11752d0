import { ProcessStop } from './process-stop';
import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { alex, megan } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { buttonData, buttonTitles, cardJson, invokeCard } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { deliveredInvitation, review, share, toUser } from './share-kit';

/** A Graph answer that the gateway does not retry (Retry-After beyond its patience). */
const throttled = { status: 429, retryAfter: '120' };

describe('Graph failures and stops during a share', () => {
  let bot: BotHarness;
  afterEach(() => bot?.stop());

  const permissionOf = (calendar: string, address: string) =>
    bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, calendar)).find((permission) => permission.address === address);

  describe('answers each failure clearly, and changes nothing it should not', () => {
    beforeEach(async () => {
      bot = await startBotHarness();
      await bot.say(megan, 'hello');
    });

    it.each([
      [429, throttled, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
      [403, { status: 403 }, 'Microsoft 365 refused this request'],
    ])('opening the form: %i', async (_status, fault, message) => {
      bot.emulator.control.injectFault({ method: 'GET', path: '^/me/calendars$', ...fault });
      expect((await bot.say(alex, '/share')).messages[0].text).toContain(message);
    });

    it('reviewing, when the directory is busy: nothing is kept', async () => {
      await bot.say(alex, '/share');
      bot.emulator.control.injectFault({ method: 'GET', path: '^/users$', ...throttled });
      const turn = await bot.click(alex, { verb: 'shareReview', calendarId: calendarIdOf(bot, alex, 'Team Offsite'), emails: 'meganb@example.com', role: 'read' });
      expect(JSON.stringify(turn.body)).toContain('Microsoft 365 is busy right now');
    });

    it.each([
      [403, { status: 403 }, 'Not shared: only the owner of the calendar can share it.'],
      [404, { status: 404 }, 'Not shared: Microsoft 365 could not find the calendar or the person.'],
      [429, throttled, 'Not shared: Microsoft 365 is busy; please try again in a minute.'],
    ])('writing the share: %i is shown per recipient, no invitation goes out', async (_status, fault, message) => {
      const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
      bot.emulator.control.injectFault({ method: 'POST', path: 'calendarPermissions$', ...fault });
      const status = invokeCard(await bot.click(alex, buttonData(reviewed, 'Share')));
      expect(cardJson(status)).toContain(message);
      expect(permissionOf('Team Offsite', megan.email)).toBeUndefined();
      expect(await bot.deliverOutbox()).toEqual([]);
      bot.clock.advance(10 * 60_000);
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });

      // Sharing again once Graph is back works: the failed attempt does not block it.
      bot.emulator.control.clearFaults();
      await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
      expect(permissionOf('Team Offsite', megan.email)).toMatchObject({ role: 'read' });
      expect(await deliveredInvitation(bot, megan)).toBeDefined();
    });

    it.each([
      [429, throttled, 'Microsoft 365 is busy right now. Please try again in 30 seconds.'],
      [403, { status: 403 }, 'I cannot see «Team Offsite» for you yet.'],
      [404, { status: 404 }, 'I cannot see «Team Offsite» for you yet.'],
    ])('accepting, when Graph answers %i: the invitation stays open, Accept works once Graph is back', async (_status, fault, note) => {
      await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
      const invitation = await deliveredInvitation(bot, megan);
      bot.emulator.control.injectFault({ method: 'GET', path: `^/users/${alex.email}/calendars$`, ...fault });
      const refused = invokeCard(await bot.click(megan, buttonData(invitation, 'Accept')));
      expect(cardJson(refused)).toContain(note);
      expect(buttonTitles(refused)).toEqual(['Accept', 'Decline']);
      expect(await bot.deliverOutbox()).toEqual([]);

      bot.emulator.control.clearFaults();
      expect(cardJson(invokeCard(await bot.click(megan, buttonData(invitation, 'Accept'))))).toContain('You accepted this invitation.');
      expect(await new SqlSubscriptionStore(bot.app.database.db, bot.clock).listFor(megan.aadObjectId)).toHaveLength(1);
    });

    it('sending the email, when Graph is busy: shared, the email is sent once by the next recovery', async () => {
      const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' }));
      bot.emulator.control.injectFault({ method: 'POST', path: 'sendMail$', ...throttled });
      const status = invokeCard(await bot.click(alex, buttonData(reviewed, 'Share')));
      expect(cardJson(status)).toContain('Shared. The invitation email could not be sent yet');
      expect(permissionOf('Team Offsite', 'pattif@example.com')).toMatchObject({ role: 'read' });
      expect(bot.emulator.control.sentMail('pattif@example.com')).toEqual([]);

      // Still busy at the first recovery: left for the next one.
      bot.clock.advance(2 * 60_000);
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 1 });
      bot.emulator.control.clearFaults();
      bot.clock.advance(2 * 60_000);
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 1, left: 0 });
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
      expect(bot.emulator.control.sentMail('pattif@example.com')).toHaveLength(1);
      expect(toUser(await bot.deliverOutbox(), alex).map((activity) => activity.text)).toEqual([
        'Your invitation to Patti Fernandez for «Team Offsite» has been sent by email (it was held up by an interruption).',
      ]);
      expect(cardJson(invokeCard(await bot.click(alex, { verb: 'shareStatus', draftId: buttonData(reviewed, 'Share').draftId })))).toContain('Invitation sent by email');
    });
    it('sending the email, when Graph refuses it for good: shared, the owner told to pass it on, no endless retries', async () => {
      const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' }));
      bot.emulator.control.injectFault({ method: 'POST', path: 'sendMail$', status: 400, code: 'ErrorInvalidRecipients' });
      const status = invokeCard(await bot.click(alex, buttonData(reviewed, 'Share')));
      expect(cardJson(status)).toContain('Shared, but I could not send the invitation email: Microsoft 365 could not find the calendar or the person. Please let Patti Fernandez know yourself.');
      expect(permissionOf('Team Offsite', 'pattif@example.com')).toMatchObject({ role: 'read' });
      bot.clock.advance(10 * 60_000);
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
    });
  });

  describe('a process that stops between the Graph write and the invitation', () => {
    it('delivers the invitation after a restart, once', async () => {
      let stops = 1;
      bot = await startBotHarness(
        {},
        {
          sharingHooks: {
            afterGraphWrite: () => {
              if (stops-- > 0) throw new ProcessStop();
            },
          },
        },
      );
      await bot.say(megan, 'hello');
      const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
      const stopped = await bot.click(alex, buttonData(reviewed, 'Share'));
      expect(stopped.status).toBe(200);
      expect(permissionOf('Team Offsite', megan.email)).toMatchObject({ role: 'read' });
      expect(await bot.deliverOutbox()).toEqual([]);

      // A new process on the same data: too early, the operation might still be running elsewhere.
      await bot.restartApp();
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
      bot.clock.advance(2 * 60_000);
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 1, left: 0 });
      const second = await bot.startSecondInstance();
      try {
        expect(await second.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
      } finally {
        await second.close();
      }

      const delivered = await bot.deliverOutbox();
      const invitations = toUser(delivered, megan).map(cardOf).filter((card) => cardJson(card).includes('Alex Wilber shares a calendar with you'));
      expect(invitations).toHaveLength(1);
      expect(toUser(delivered, alex).map((activity) => activity.text)).toEqual([
        'Your invitation to Megan Bowen for «Team Offsite» has been sent in Teams (it was held up by an interruption).',
      ]);
      expect(await bot.deliverOutbox()).toEqual([]);

      const accepted = invokeCard(await bot.click(megan, buttonData(invitations[0], 'Accept')));
      expect(cardJson(accepted)).toContain('You accepted this invitation.');
      // The status card tells the owner the truth after the restart.
      const status = invokeCard(await bot.click(alex, { verb: 'shareStatus', draftId: buttonData(reviewed, 'Share').draftId }));
      expect(cardJson(status)).toContain('Accepted on');
    });

    it.each([
      ['within a day: the confirmed share is completed', 2 * 60_000, 'read', 'Your invitation to Megan Bowen for «Team Offsite» has been sent in Teams (it was held up by an interruption).'],
      ['more than a day later: dropped, the owner is told', 25 * 3600_000, undefined, 'Sharing «Team Offsite» with Megan Bowen was interrupted and did not complete. Nothing changed; type /share to try again.'],
    ])('a stop before the Graph write, recovered %s', async (_case, later, role, notice) => {
      bot = await startBotHarness({}, { sharingHooks: { beforeGraphWrite: () => Promise.reject(new ProcessStop()) } });
      await bot.say(megan, 'hello');
      const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
      await bot.click(alex, buttonData(reviewed, 'Share'));
      expect(permissionOf('Team Offsite', megan.email)).toBeUndefined();
      await bot.restartApp();
      bot.clock.advance(later);
      expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 1, left: 0 });
      expect(permissionOf('Team Offsite', megan.email)?.role).toBe(role);
      expect(toUser(await bot.deliverOutbox(), alex).map((activity) => activity.text)).toEqual([notice]);
    });
  });
});
