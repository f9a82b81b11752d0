import { ProcessStop, restartAndRecoverOnce } from './process-stop';
import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness, type TurnResult } from '../../support/bot-harness';
import { alex, inFrench, isaiah, megan, patti } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { buttonData, buttonTitles, cardJson, invokeCard, textFrom } from '../../support/cards';
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
      [403, { status: 403 }, 'Not shared: Microsoft 365 refused the share without saying why.'],
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
      [429, throttled /* Retry-After: 120 */, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
      [403, { status: 403 }, 'I cannot see «Team Offsite» for you yet.'],
      [404, { status: 404 }, 'I cannot see «Team Offsite» for you yet.'],
    ])('accepting, when Graph answers %i: the invitation stays open, Accept works once Graph is back', async (_status, fault, note) => {
      await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
      const invitation = await deliveredInvitation(bot, megan);
      bot.emulator.control.injectFault({ method: 'GET', path: `^/users/${alex.aadObjectId}/calendars$`, ...fault });
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

  /**
   * Graph answering 403, 404 or 429 (Retry-After beyond the gateway's budget: it fails fast) at each
   * step: the person reads a specific sentence in their language, nothing is half done, and the same
   * step works once Graph is back.
   */
  describe('each step, when Graph answers 403, 404 or 429', () => {
    beforeEach(async () => {
      // Codes for people outside, as when personal subscription links are turned off: /accept CODE is tested here.
      bot = await startBotHarness({ EXTERNAL_SHARE_LINKS: 'false' });
      await bot.say(megan, 'hello');
    });

    const faults = { 403: { status: 403 }, 404: { status: 404 }, 429: throttled } as const;
    const texts = (turn: TurnResult) => turn.messages.map((activity) => activity.text);
    const teamOffsite = () => calendarIdOf(bot, alex, 'Team Offsite');
    const invitationRow = (address: string) =>
      bot.app.database.db.selectFrom('share_invitations').selectAll().where('recipient_address', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const drafts = async () => (await bot.app.database.db.selectFrom('share_drafts').select('id').execute()).length;

    /** Alex shares «Team Offsite» with Megan (read); Megan accepts; the outbox is emptied. */
    async function acceptedByMegan(endDate?: string): Promise<void> {
      await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read', endDate });
      const invitation = await deliveredInvitation(bot, megan);
      await bot.click(megan, buttonData(invitation, 'Accept'));
      await bot.deliverOutbox();
    }

    it.each([
      [403, 'en', 'Microsoft 365 refused this request: you do not have access to it.'],
      [404, 'en', 'I could not find that in Microsoft 365. It may have been deleted or renamed.'],
      [429, 'en', 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
      [403, 'fr', 'Microsoft 365 a refusé cette demande : vous n\'y avez pas accès.'],
      [404, 'fr', 'Je n\'ai pas trouvé cet élément dans Microsoft 365.'],
      [429, 'fr', 'Microsoft 365 est très sollicité en ce moment. Réessayez dans 120 secondes.'],
    ] as const)('opening the share form: %i (%s)', async (status, locale, message) => {
      const owner = locale === 'fr' ? inFrench(alex) : alex;
      bot.emulator.control.injectFault({ method: 'GET', path: '^/me/calendars$', ...faults[status] });
      expect(texts(await bot.say(owner, '/share'))).toEqual([expect.stringContaining(message)]);
      bot.emulator.control.clearFaults();
      expect(cardJson(cardOf((await bot.say(owner, '/share')).messages[0]))).toContain('shareReview');
    });

    it.each([
      [403, 'meganb@example.com', 'Nobody left to share with. meganb@example.com: I could not look this person up; type their email address.'],
      [404, 'meganb@example.com', 'Nobody left to share with. meganb@example.com: nobody in your organisation has this name or address.'],
      [429, 'meganb@example.com', 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
      [403, 'Megan Bowen', 'Nobody left to share with. Megan Bowen: I could not look this person up; type their email address.'],
      [404, 'Megan Bowen', 'Nobody left to share with. Megan Bowen: nobody in your organisation has this name or address.'],
      [429, 'Megan Bowen', 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
    ] as const)('reviewing: the directory answers %i for «%s»; nothing is kept, the review works once Graph is back', async (status, people, message) => {
      await bot.say(alex, '/share');
      bot.emulator.control.injectFault({ method: 'GET', path: '^/users$', ...faults[status] });
      const turn = await bot.click(alex, { verb: 'shareReview', calendarId: teamOffsite(), emails: people, role: 'read' });
      expect(JSON.stringify(turn.body) + JSON.stringify(texts(turn))).toContain(message);
      expect(await drafts()).toBe(0);
      bot.emulator.control.clearFaults();
      const reviewed = invokeCard(await bot.click(alex, { verb: 'shareReview', calendarId: teamOffsite(), emails: people, role: 'read' }));
      expect(buttonTitles(reviewed)).toEqual(['Share', 'Cancel']);
    });

    it.each([
      [403, 'Microsoft 365 refused this request: you do not have access to it.'],
      [404, 'I could not find that in Microsoft 365. It may have been deleted or renamed.'],
      [429, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
    ] as const)('listing /permissions: %i on the calendars', async (status, message) => {
      bot.emulator.control.injectFault({ method: 'GET', path: '^/me/calendars$', ...faults[status] });
      expect(texts(await bot.say(alex, '/permissions'))).toEqual([message]);
      bot.emulator.control.clearFaults();
      expect(cardJson(cardOf((await bot.say(alex, '/permissions')).messages[0]))).toContain('Megan Bowen: All details');
    });

    it.each([
      [403, 'I could not read who sees this calendar: Microsoft 365 refused the request.'],
      [404, 'I could not read who sees this calendar: Microsoft 365 could not find the calendar or the person.'],
      [429, 'I could not read who sees this calendar: Microsoft 365 is busy; please try again in a minute.'],
    ] as const)('listing /permissions: %i on one calendar\'s entries; the others are listed', async (status, message) => {
      bot.emulator.control.injectFault({ method: 'GET', path: `${teamOffsite()}/calendarPermissions$`, ...faults[status] });
      const card = cardJson(cardOf((await bot.say(alex, '/permissions')).messages[0]));
      expect(card).toContain(message);
      expect(card).toContain('Megan Bowen: All details');
      expect(card.split(message)).toHaveLength(2);
    });

    it.each([
      [403, 'Microsoft 365 refused this request: you do not have access to it.'],
      [404, 'I could not find that in Microsoft 365. It may have been deleted or renamed.'],
      [429, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
    ] as const)('changing a level: %i; the share and the person are left as they were, a retry works', async (status, message) => {
      await acceptedByMegan();
      const permissionId = permissionOf('Team Offsite', megan.email)?.id;
      const change = { verb: 'permissionsChangeConfirm', calendarId: teamOffsite(), permissionId, role: 'limitedRead' };
      bot.emulator.control.injectFault({ method: 'PATCH', path: 'calendarPermissions/', ...faults[status] });
      expect(textFrom(await bot.click(alex, change))).toBe(message);
      expect(permissionOf('Team Offsite', megan.email)).toMatchObject({ role: 'read' });
      expect(await invitationRow(megan.email)).toMatchObject({ status: 'accepted', role: 'read', intent_id: null });
      expect(await bot.deliverOutbox()).toEqual([]);

      bot.emulator.control.clearFaults();
      expect(texts(await bot.click(alex, change))).toEqual(['Megan Bowen now has Titles and places in «Team Offsite». I told them.']);
      expect(await invitationRow(megan.email)).toMatchObject({ role: 'limitedRead', intent_id: null });
      expect(toUser(await bot.deliverOutbox(), megan)).toHaveLength(1);
    });

    it.each([
      [403, 'Microsoft 365 refused this request: you do not have access to it.'],
      [404, 'I could not find that in Microsoft 365. It may have been deleted or renamed.'],
      [429, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
    ] as const)('revoking: %i; the share and its subscription stay, nobody is told, a retry works', async (status, message) => {
      await acceptedByMegan();
      const revoke = { verb: 'permissionsRevokeConfirm', calendarId: teamOffsite(), permissionId: permissionOf('Team Offsite', megan.email)?.id };
      bot.emulator.control.injectFault({ method: 'DELETE', path: 'calendarPermissions/', ...faults[status] });
      expect(textFrom(await bot.click(alex, revoke))).toBe(message);
      expect(permissionOf('Team Offsite', megan.email)).toBeDefined();
      expect(await invitationRow(megan.email)).toMatchObject({ status: 'accepted', intent_id: null });
      expect(await new SqlSubscriptionStore(bot.app.database.db, bot.clock).listFor(megan.aadObjectId)).toHaveLength(1);
      expect(await bot.deliverOutbox()).toEqual([]);

      bot.emulator.control.clearFaults();
      expect(texts(await bot.click(alex, revoke))).toEqual(['Megan Bowen no longer sees «Team Offsite». I told them.']);
      expect(permissionOf('Team Offsite', megan.email)).toBeUndefined();
      expect(toUser(await bot.deliverOutbox(), megan).map((activity) => activity.text)).toEqual(['Alex Wilber stopped sharing «Team Offsite» with you.']);
    });

    it.each([403, 404, 429] as const)('expiring: %i; the share stays live, nobody is told, the next sweep ends it once', async (status) => {
      await acceptedByMegan('2026-11-23');
      bot.clock.set(new Date('2026-11-24T00:00:01Z'));
      bot.emulator.control.injectFault({ method: 'DELETE', path: 'calendarPermissions/', ...faults[status] });
      expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
      expect(permissionOf('Team Offsite', megan.email)).toBeDefined();
      expect(await invitationRow(megan.email)).toMatchObject({ status: 'accepted', intent_id: null });
      expect(await bot.deliverOutbox()).toEqual([]);

      bot.emulator.control.clearFaults();
      // A 403 (the app identity refused) parks the expiry for 5 minutes; 404 and 429 are tried at the next sweep.
      bot.clock.set(new Date('2026-11-24T00:05:02Z'));
      expect(await bot.app.shareMaintenance.expireDueShares()).toBe(1);
      expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
      expect(await bot.app.parkedJobs.listFor(alex.aadObjectId)).toEqual([]);
      const sent = await bot.deliverOutbox();
      expect(toUser(sent, megan)).toHaveLength(1);
      expect(toUser(sent, alex)).toHaveLength(1);
    });

    it.each([
      [403, 'I cannot see «Team Offsite» for you yet.'],
      [404, 'I cannot see «Team Offsite» for you yet.'],
      [429, 'Microsoft 365 is busy right now.'],
    ] as const)('/accept CODE: %i on the readability check; the invitation stays open, the code works once Graph is back', async (status, note) => {
      await share(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' });
      const { code } = await invitationRow('pattif@example.com');
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      bot.emulator.control.injectFault({ method: 'GET', path: `^/users/${alex.aadObjectId}/calendars$`, ...faults[status] });
      const refused = cardOf((await bot.say(patti, `/accept ${code}`)).messages[0]);
      expect(cardJson(refused)).toContain(note);
      expect(await invitationRow('pattif@example.com')).toMatchObject({ status: 'pending', intent_id: null });
      expect(await bot.deliverOutbox()).toEqual([]);

      bot.emulator.control.clearFaults();
      expect(cardJson(cardOf((await bot.say(patti, `/accept ${code}`)).messages[0]))).toContain('You accepted this invitation.');
      expect(await invitationRow('pattif@example.com')).toMatchObject({ status: 'accepted' });
    });

    it.each([
      [403, 'Microsoft 365 refused this request: you do not have access to it.'],
      [404, 'I could not find that in Microsoft 365. It may have been deleted or renamed.'],
      [429, 'Microsoft 365 is busy right now. Please try again in 120 seconds.'],
    ] as const)('/accept CODE of an invitation sent to an address only: %i while checking who the caller is', async (status, message) => {
      await share(bot, alex, { calendar: 'Team Offsite', people: 'jordan@partner.example.org', role: 'limitedRead' });
      const { code } = await invitationRow('jordan@partner.example.org');
      bot.emulator.control.injectFault({ method: 'GET', path: '^/me$', ...faults[status] });
      expect(texts(await bot.say(isaiah, `/accept ${code}`))).toEqual([message]);
      expect(await invitationRow('jordan@partner.example.org')).toMatchObject({ status: 'pending', intent_id: null });
      bot.emulator.control.clearFaults();
      // Isaiah is not the recipient: the same answer as for an unknown code, nothing accepted.
      expect(texts(await bot.say(isaiah, `/accept ${code}`))).toEqual([
        'No invitation for you has this code. Check it in the email, or ask the person who shared to share again.',
      ]);
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

      // A new process on the same data: too early at first, then recovered once.
      const delivered = await restartAndRecoverOnce(bot);
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
