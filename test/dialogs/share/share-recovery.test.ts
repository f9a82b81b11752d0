import type { Intent } from '../../../src/sharing/invitation';
import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { buttonData, cardJson, invokeCard, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { alex, megan, patti } from '../../support/demo-users';
import type { SentActivity } from '../../support/fake-connector';
import { ProcessStop, restartAndRecoverOnce } from './process-stop';
import { deliveredInvitation, review, share, toUser } from './share-kit';

/**
 * A process that stops right after each step's Graph write (or, for a decline, right after the
 * answer is recorded), before anything is queued: after a restart, recovery finishes the step and
 * each notice goes out exactly once, whatever the number of recoveries and drains.
 */
describe('a process that stops between the Graph write and the notices', () => {
  let bot: BotHarness;
  afterEach(() => bot?.stop());

  /** A bot whose first `op` stops right after its Graph write; everything else runs normally. */
  async function stoppingAfter(op: Intent['op']): Promise<{ stops: () => number }> {
    let stops = 0;
    bot = await startBotHarness(
      {},
      {
        sharingHooks: {
          afterGraphWrite: (current) => {
            if (current !== op || stops > 0) return;
            stops += 1;
            throw new ProcessStop();
          },
        },
      },
    );
    await bot.say(megan, 'hello');
    return { stops: () => stops };
  }

  const calendarId = () => calendarIdOf(bot, alex, 'Team Offsite');
  const permissionOf = (address: string) => bot.emulator.control.permissionsOf(alex.email, calendarId()).find((permission) => permission.address === address);
  const invitationOf = (address: string) => bot.app.database.db.selectFrom('share_invitations').selectAll().where('recipient_address', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const auditActions = async () => (await bot.app.database.db.selectFrom('share_audit').select('action').orderBy('at').execute()).map((row) => row.action);
  const subscriptionsOf = (userId: string) => new SqlSubscriptionStore(bot.app.database.db, bot.clock).listFor(userId);

  /** Alex shares «Team Offsite» with Megan (read); Megan has the invitation card. */
  async function sharedWithMegan(endDate?: string): Promise<Card | undefined> {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read', endDate });
    return deliveredInvitation(bot, megan);
  }

  const restartAndRecover = () => restartAndRecoverOnce(bot);

  const texts = (activities: SentActivity[]) => activities.map((activity) => activity.text);

  it('a share by email: the email goes out once, the owner is told once', async () => {
    const { stops } = await stoppingAfter('grant');
    const reviewed = invokeCard(await review(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' }));
    await bot.click(alex, buttonData(reviewed, 'Share'));
    expect(stops()).toBe(1);
    expect(permissionOf(patti.email)).toMatchObject({ role: 'read' });
    expect(bot.emulator.control.sentMail(patti.email)).toEqual([]);

    const delivered = await restartAndRecover();
    expect(bot.emulator.control.sentMail(patti.email)).toHaveLength(1);
    expect(texts(toUser(delivered, alex))).toEqual(['Your invitation to Patti Fernandez for «Team Offsite» has been sent by email (it was held up by an interruption).']);
    expect(await invitationOf(patti.email)).toMatchObject({ status: 'pending', channel: 'email', intent_id: null });
    expect(await auditActions()).toEqual(['shared']);
  });

  it('a level change from /permissions: Graph changed once, the person told once, the subscription follows', async () => {
    const { stops } = await stoppingAfter('changeRole');
    const invitation = await sharedWithMegan();
    await bot.click(megan, buttonData(invitation, 'Accept'));
    await bot.deliverOutbox();
    const permission = permissionOf(megan.email);
    const turn = await bot.click(alex, { verb: 'permissionsChangeConfirm', calendarId: calendarId(), permissionId: permission?.id, role: 'limitedRead' });
    expect(stops()).toBe(1);
    // The stopped turn never answered; the harness's bot tells the generic failure, never a stack.
    expect(JSON.stringify(turn.body ?? turn.messages)).not.toMatch(/ProcessStop|at Object|\.ts:\d+/);
    expect(permissionOf(megan.email)).toMatchObject({ role: 'limitedRead' });

    const delivered = await restartAndRecover();
    expect(texts(toUser(delivered, megan))).toEqual([
      'Alex Wilber changed what you see in «Team Offsite»: now Titles and places. You see when Alex Wilber is busy, with the title and place of each event.',
    ]);
    expect(toUser(delivered, alex)).toEqual([]);
    expect(await invitationOf(megan.email)).toMatchObject({ status: 'accepted', role: 'limitedRead', intent_id: null });
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([expect.objectContaining({ role: 'limitedRead' })]);
    expect(await auditActions()).toEqual(['shared', 'accepted', 'roleChanged']);
  });

  it('a revoke from /permissions: access gone, the person told once, the subscription dropped', async () => {
    const { stops } = await stoppingAfter('revoke');
    const invitation = await sharedWithMegan();
    await bot.click(megan, buttonData(invitation, 'Accept'));
    await bot.deliverOutbox();
    await bot.click(alex, { verb: 'permissionsRevokeConfirm', calendarId: calendarId(), permissionId: permissionOf(megan.email)?.id });
    expect(stops()).toBe(1);
    expect(permissionOf(megan.email)).toBeUndefined();

    const delivered = await restartAndRecover();
    expect(texts(toUser(delivered, megan))).toEqual(['Alex Wilber stopped sharing «Team Offsite» with you.']);
    expect(toUser(delivered, alex)).toEqual([]);
    expect(await invitationOf(megan.email)).toMatchObject({ status: 'revoked', intent_id: null });
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([]);
    expect(await auditActions()).toEqual(['shared', 'accepted', 'revoked']);
  });

  it('an expiry by the sweeper: access gone, both told once, the sweeper does not start it again', async () => {
    const { stops } = await stoppingAfter('expire');
    await sharedWithMegan('2026-11-23');
    bot.clock.set(new Date('2026-11-24T00:00:01Z'));
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
    expect(stops()).toBe(1);
    expect(permissionOf(megan.email)).toBeUndefined();
    // The operation is still held: a sweep in the meantime does not start a second one.
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);

    const delivered = await restartAndRecover();
    expect(texts(toUser(delivered, megan))).toEqual(['Your access to «Team Offsite» from Alex Wilber has ended, as planned.']);
    expect(texts(toUser(delivered, alex))).toEqual(['Your share of «Team Offsite» with Megan Bowen has ended, as planned. They were told.']);
    expect(await bot.app.shareMaintenance.expireDueShares()).toBe(0);
    expect(await invitationOf(megan.email)).toMatchObject({ status: 'expired', intent_id: null });
    expect(await auditActions()).toEqual(['shared', 'expired']);
  });

  it('an accept: the subscription recorded once, the owner told once, the card says accepted', async () => {
    const { stops } = await stoppingAfter('accept');
    const invitation = await sharedWithMegan();
    await bot.click(megan, buttonData(invitation, 'Accept'));
    expect(stops()).toBe(1);
    // A second click while the answer is held changes nothing and queues nothing.
    await bot.click(megan, buttonData(invitation, 'Accept'));

    const delivered = await restartAndRecover();
    expect(texts(toUser(delivered, alex))).toEqual(['Megan Bowen accepted your invitation to «Team Offsite» (All details). They add it to their own Outlook: I gave them the steps.']);
    expect(toUser(delivered, megan)).toEqual([]);
    expect(await subscriptionsOf(megan.aadObjectId)).toHaveLength(1);
    expect(await invitationOf(megan.email)).toMatchObject({ status: 'accepted', intent_id: null });
    expect(await auditActions()).toEqual(['shared', 'accepted']);
    expect(cardJson(invokeCard(await bot.click(megan, { verb: 'invitationView', invitationId: buttonData(invitation, 'Accept').invitationId })))).toContain(
      'You accepted this invitation.',
    );
  });

  it('a decline: the owner told once, the access kept until the owner removes it', async () => {
    const { stops } = await stoppingAfter('decline');
    const invitation = await sharedWithMegan();
    await bot.click(megan, buttonData(invitation, 'Decline'));
    expect(stops()).toBe(1);

    const delivered = await restartAndRecover();
    expect(texts(toUser(delivered, alex))).toEqual([
      'Megan Bowen declined your invitation to «Team Offsite». They keep the access in Outlook until you remove it: type /permissions.',
    ]);
    expect(await invitationOf(megan.email)).toMatchObject({ status: 'declined', intent_id: null });
    expect(permissionOf(megan.email)).toMatchObject({ role: 'read' });
    expect(await subscriptionsOf(megan.aadObjectId)).toEqual([]);
    expect(await auditActions()).toEqual(['shared', 'declined']);
    expect(toUser(delivered, megan)).toEqual([]);
  });
});
