import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { adele, alex, isaiah, megan } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { buttonData, buttonTitles, cardJson, choiceValues, inputValue, invokeCard, refreshOf, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { deliveredInvitation, review, share, toUser } from './share-kit';

/** The whole share -> invite -> answer flow between two people, over the bot's HTTP endpoint. */
describe('sharing a calendar with a colleague', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBotHarness();
    await bot.say(megan, 'hello');
  });
  afterEach(() => bot.stop());

  const subscriptionsOf = (userId: string) => new SqlSubscriptionStore(bot.app.database.db, bot.clock).listFor(userId);
  const permissionOf = (owner: string, calendar: string, address: string) =>
    bot.emulator.control.permissionsOf(owner, calendarIdOf(bot, alex, calendar)).find((permission) => permission.address === address);

  /** Alex shares "Team Offsite" with Megan; returns Alex's confirmation card and Megan's invitation. */
  async function alexSharesWithMegan(role = 'read'): Promise<{ status: Card | undefined; invitation: Card | undefined }> {
    const confirmed = await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role });
    return { status: invokeCard(confirmed), invitation: await deliveredInvitation(bot, megan) };
  }

  it('offers only the caller\'s own calendars and every level, explained', async () => {
    const turn = await bot.say(alex, '/share');
    const form = cardOf(turn.messages[0]);
    expect(choiceValues(form, 'calendarId')).toEqual(['Calendar', 'Project Phoenix', 'Team Offsite'].map((name) => calendarIdOf(bot, alex, name)));
    expect(choiceValues(form, 'role')).toEqual(['freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess']);
    expect(cardJson(form)).toContain('Titles and places: Sees when you are busy, with the title and location of your events.');
    expect(form).toMatchObject({ version: '1.5' });
  });

  it('understands plain words and fills in the person', async () => {
    // The name is matched in the directory: the field holds the person found, never the words typed.
    const turn = await bot.say(alex, 'I would like to share my calendar with Megan Bowen');
    expect(cardJson(cardOf(turn.messages[0]))).toContain('"value":"meganb@example.com"');
  });

  it('takes people picked in the Teams people picker (directory ids), resolved through Graph', async () => {
    await bot.say(alex, '/share');
    const reviewed = invokeCard(
      await bot.click(alex, { verb: 'shareReview', calendarId: calendarIdOf(bot, alex, 'Team Offsite'), people: megan.aadObjectId, emails: '', role: 'read' }),
    );
    expect(cardJson(reviewed)).toContain('Megan Bowen');
    expect(buttonTitles(reviewed)).toContain('Share');
  });

  it('opens the form for a person named by another card (an access request), never trusting a bad address', async () => {
    const opened = invokeCard(await bot.click(alex, { verb: 'openShare', recipientAddress: 'meganb@example.com', accessRequestId: 'r-1' }));
    expect(inputValue(opened, 'emails')).toBe('meganb@example.com');
    const bad = invokeCard(await bot.click(alex, { verb: 'openShare', recipientAddress: '"><script>' }));
    expect(inputValue(bad, 'emails')).toBe('');
  });

  it('shares, invites in Teams, and the accepted invitation reaches both people', async () => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'Megan Bowen', role: 'read' }));
    expect(cardJson(reviewed)).toContain('Megan Bowen (meganb@example.com)');
    expect(permissionOf(alex.email, 'Team Offsite', megan.email)).toBeUndefined();

    const confirmed = await bot.click(alex, buttonData(reviewed, 'Share'));
    const status = invokeCard(confirmed);
    expect(cardJson(status)).toContain('Invitation sent in Teams: waiting for an answer.');
    expect(refreshOf(status)?.action.verb).toBe('shareStatus');
    expect(permissionOf(alex.email, 'Team Offsite', megan.email)).toMatchObject({ role: 'read' });

    const invitation = await deliveredInvitation(bot, megan);
    expect(cardJson(invitation)).toContain('Alex Wilber shares a calendar with you');
    expect(buttonTitles(invitation)).toEqual(['Accept', 'Decline']);
    expect(refreshOf(invitation)?.action.verb).toBe('invitationView');

    const accepted = invokeCard(await bot.click(megan, buttonData(invitation, 'Accept')));
    expect(cardJson(accepted)).toContain('You accepted this invitation.');
    expect(cardJson(accepted)).toContain('does not add «Team Offsite» to your Outlook by itself');
    expect(buttonTitles(accepted)).toEqual([]);
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([
      expect.objectContaining({ ownerAddress: alex.email, calendarId: calendarIdOf(bot, alex, 'Team Offsite'), role: 'read', source: 'invitation' }),
    ]);
    expect(toUser(await bot.deliverOutbox(), alex).map((activity) => activity.text)).toEqual(['Megan Bowen accepted your invitation to «Team Offsite» (All details). They add it to their own Outlook: I gave them the steps.']);

    const refreshed = invokeCard(await bot.click(alex, refreshOf(status)?.action.data ?? {}));
    expect(cardJson(refreshed)).toContain('Accepted on 23 Nov 2026.');
  });

  it('gives each viewer their own view: owner status, forwarded card read-only', async () => {
    const { invitation } = await alexSharesWithMegan();
    const refresh = refreshOf(invitation)?.action.data ?? {};
    const ownerView = invokeCard(await bot.click(alex, refresh));
    expect(cardJson(ownerView)).toContain('Megan Bowen has not answered yet.');
    expect(buttonTitles(ownerView)).toEqual([]);
    const forwarded = invokeCard(await bot.click(isaiah, refresh));
    expect(cardJson(forwarded)).toContain('This invitation is for Megan Bowen. Only they can answer it.');
    expect(cardJson(forwarded)).not.toContain('Team Offsite');
    expect(buttonTitles(forwarded)).toEqual([]);
    expect(cardJson(invokeCard(await bot.click(adele, refresh)))).toContain('Cette invitation est destinée à Megan Bowen.');
  });

  it('refuses an answer from anyone but the recipient, whatever the card says', async () => {
    const { invitation } = await alexSharesWithMegan();
    const accept = buttonData(invitation, 'Accept');
    for (const clicker of [adele, alex]) {
      const turn = await bot.click(clicker, accept);
      expect(buttonTitles(invokeCard(turn))).toEqual([]);
    }
    expect(await subscriptionsOf(adele.aadObjectId)).toEqual([]);
    expect(await bot.deliverOutbox()).toEqual([]);
    const stillOpen = invokeCard(await bot.click(megan, refreshOf(invitation)?.action.data ?? {}));
    expect(buttonTitles(stillOpen)).toEqual(['Accept', 'Decline']);
  });

  it('records a decline and tells the owner', async () => {
    const { status, invitation } = await alexSharesWithMegan();
    const declined = invokeCard(await bot.click(megan, buttonData(invitation, 'Decline')));
    expect(cardJson(declined)).toContain('You declined this invitation.');
    expect(toUser(await bot.deliverOutbox(), alex).map((activity) => activity.text)).toEqual([
      'Megan Bowen declined your invitation to «Team Offsite». They keep the access in Outlook until you remove it: type /permissions.',
    ]);
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([]);
    expect(cardJson(invokeCard(await bot.click(alex, refreshOf(status)?.action.data ?? {})))).toContain('Declined on 23 Nov 2026.');
    const late = invokeCard(await bot.click(megan, buttonData(invitation, 'Accept')));
    expect(cardJson(late)).toContain('You declined this invitation.');
  });

  it('gives one result for a double click, a replayed click and a second bot instance', async () => {
    const { invitation } = await alexSharesWithMegan();
    const accept = buttonData(invitation, 'Accept');
    const second = await bot.startSecondInstance();
    try {
      const post = (url: string) =>
        fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(bot.activity(megan, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb: accept.verb, data: accept } } })),
        });
      const answers = await Promise.all([post(bot.app.url), post(second.url), post(bot.app.url), bot.click(megan, accept)]);
      expect(answers.slice(0, 3).map((response) => response.status)).toEqual([200, 200, 200]);
    } finally {
      await second.close();
    }
    const replay = invokeCard(await bot.click(megan, accept));
    expect(cardJson(replay)).toContain('You accepted this invitation.');
    expect(toUser(await bot.deliverOutbox(), alex)).toHaveLength(1);
    expect(await subscriptionsOf(megan.aadObjectId)).toHaveLength(1);
    bot.clock.advance(10 * 60_000);
    expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
  });

  it('shares once when the owner clicks Share twice or replays it', async () => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
    const confirm = buttonData(reviewed, 'Share');
    const turns = await Promise.all([bot.click(alex, confirm), bot.click(alex, confirm)]);
    const replayed = await bot.click(alex, confirm);
    for (const turn of [...turns, replayed]) expect(cardJson(invokeCard(turn))).toContain('Sharing «Team Offsite»');
    expect(toUser(await bot.deliverOutbox(), megan)).toHaveLength(1);
  });

  it('changes the level instead of failing when sharing again with someone who has access', async () => {
    const { invitation } = await alexSharesWithMegan('read');
    await bot.click(megan, buttonData(invitation, 'Accept'));
    await bot.deliverOutbox();

    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'write' }));
    expect(cardJson(reviewed)).toContain('Already has access (All details): the level will be updated, not duplicated.');
    const status = invokeCard(await bot.click(alex, buttonData(reviewed, 'Share')));
    expect(cardJson(status)).toContain('"value":"Edit"');
    expect(cardJson(status)).toContain('Accepted on');
    expect(permissionOf(alex.email, 'Team Offsite', megan.email)).toMatchObject({ role: 'write' });
    const toMegan = toUser(await bot.deliverOutbox(), megan);
    expect(toMegan.map((activity) => activity.text)).toEqual([
      "Alex Wilber changed what you see in «Team Offsite»: now Edit. You see all the details of Alex Wilber's events and can create, change and delete them.",
    ]);
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([expect.objectContaining({ role: 'write' })]);
  });

  it('keeps the invitation open when Graph does not show the calendar to the recipient yet', async () => {
    const { invitation } = await alexSharesWithMegan();
    const calendarId = calendarIdOf(bot, alex, 'Team Offsite');
    const [permission] = await bot.app.gateway.listPermissions({ userId: alex.aadObjectId }, { calendarId }).then((list) => list.filter((entry) => entry.recipient.address === megan.email));
    await bot.app.gateway.revokePermission({ userId: alex.aadObjectId }, { calendarId, permissionId: permission.id });

    const turn = invokeCard(await bot.click(megan, buttonData(invitation, 'Accept')));
    expect(cardJson(turn)).toContain('I cannot see «Team Offsite» for you yet.');
    expect(buttonTitles(turn)).toEqual(['Accept', 'Decline']);
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([]);
  });

  it('ignores tampered card data: unknown ids, someone else\'s draft, a calendar that is not mine', async () => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
    const confirm = buttonData(reviewed, 'Share');

    const byMegan = invokeCard(await bot.click(megan, confirm));
    expect(cardJson(byMegan)).toContain('This card belongs to Alex Wilber.');
    for (const data of [{ verb: 'shareConfirm', draftId: 'not-a-uuid' }, { verb: 'invitationAccept', invitationId: '00000000-0000-4000-8000-000000000000' }, { verb: 'invitationAccept' }]) {
      expect(cardJson(invokeCard(await bot.click(megan, data)))).toContain('This card is no longer valid');
    }
    expect(permissionOf(alex.email, 'Team Offsite', megan.email)).toBeUndefined();

    const megansCalendar = bot.emulator.control.calendarsOf(megan.email)[0].id;
    const notMine = invokeCard(await bot.click(alex, { verb: 'shareReview', calendarId: megansCalendar, emails: 'adelev@example.com', role: 'read' }));
    expect(cardJson(notMine)).toContain('I cannot share that calendar: please pick one of yours.');
    const badRole = invokeCard(await bot.click(alex, { verb: 'shareReview', calendarId: calendarIdOf(bot, alex, 'Calendar'), emails: 'adelev@example.com', role: 'owner' }));
    expect(cardJson(badRole)).toContain('Please choose a calendar and a level');
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('lets the owner cancel: nothing is written, the review cannot be confirmed afterwards', async () => {
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
    expect(cardJson(invokeCard(await bot.click(alex, buttonData(reviewed, 'Cancel'))))).toContain('Nothing was shared');
    expect(cardJson(invokeCard(await bot.click(alex, buttonData(reviewed, 'Share'))))).toContain('Nothing was shared');
    expect(permissionOf(alex.email, 'Team Offsite', megan.email)).toBeUndefined();
  });

  it('works with the Action.Submit fallback and its same data', async () => {
    const { invitation } = await alexSharesWithMegan();
    const data = buttonData(invitation, 'Accept');
    const turn = await bot.post(bot.activity(megan, { type: 'message', value: data, text: undefined }));
    expect(cardJson(cardOf(turn.messages[0]))).toContain('You accepted this invitation.');
  });

  it('emails the invitation with a code when Teams refuses it for good (app blocked), and tells the owner', async () => {
    const status = invokeCard(await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' }));
    expect(bot.emulator.control.sentMail(megan.email)).toEqual([]);
    bot.connector.failNext = { status: 403, count: 1 };
    const delivered = await bot.deliverOutbox();

    const [mail] = bot.emulator.control.sentMail(megan.email);
    const code = /\/accept ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(mail.body.content)?.[1] ?? '';
    expect(code).not.toBe('');
    expect(toUser(delivered, alex).map((activity) => activity.text)).toEqual([
      'I could not reach Megan Bowen in Teams (the app may have been removed or blocked), so I emailed your invitation to «Team Offsite» to meganb@example.com, with a code to accept it.',
    ]);
    const refreshed = invokeCard(await bot.click(alex, refreshOf(status)?.action.data ?? {}));
    expect(cardJson(refreshed)).toContain('Invitation sent by email (I cannot reach Megan Bowen in Teams)');

    // Once only: another drain sends nothing more, to anyone.
    bot.clock.advance(600_000);
    expect(await bot.deliverOutbox()).toEqual([]);
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(1);

    const accepted = await bot.say(megan, `/accept ${code}`);
    expect(cardJson(cardOf(accepted.messages[0]))).toContain('You accepted this invitation.');
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([expect.objectContaining({ ownerAddress: alex.email, role: 'read' })]);
  });

  it('leaves an answered invitation alone when a late copy of it cannot be delivered', async () => {
    const { invitation } = await alexSharesWithMegan();
    await bot.click(megan, buttonData(invitation, 'Accept'));
    const invitationId = String(buttonData(invitation, 'Accept').invitationId);
    // As if the invitation's outbox entry failed now: the handler sees it answered and does nothing.
    await bot.app.notifier.notify(megan.aadObjectId, [], { dedupeKey: 'late-copy', onUndeliverable: { kind: 'shareInvitation', id: invitationId } });
    bot.connector.failNext = { status: 403, count: 5 };
    await bot.deliverOutbox();
    bot.connector.failNext = undefined;
    expect(bot.emulator.control.sentMail(megan.email)).toEqual([]);
  });
});
