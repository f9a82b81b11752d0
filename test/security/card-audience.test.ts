import { startBotHarness, type BotHarness, type TurnResult } from '../support/bot-harness';
import { buttonData, cardText, invokeCard, type Card } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, megan, tenantId, type DemoUser } from '../support/demo-users';

/** Resolves once `check` holds, looking again on each turn of the event loop (no fixed sleep). */
async function until(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 5_000 && !check(); attempt++) await new Promise((resolve) => setImmediate(resolve));
  if (!check()) throw new Error('condition never held');
}

const groupChat = { id: '19:group-chat@thread.v2', conversationType: 'groupChat', tenantId };

describe('answers to someone other than the card owner stay with them', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBotHarness({}, { cardUpdateRetryMs: [1, 1] });
    await bot.say(megan, 'hello');
  });
  afterEach(() => bot.stop());

  /** A click on the message `messageId` of a group chat. */
  const clickInGroup = (user: DemoUser, data: Record<string, unknown>, messageId: string): Promise<TurnResult> =>
    bot.post(bot.activity(user, { type: 'invoke', name: 'adaptiveCard/action', replyToId: messageId, conversation: groupChat, value: { action: { type: 'Action.Execute', verb: data.verb, data } } }));

  const updatesOf = (messageId: string) => bot.connector.sent.filter((activity) => activity.updatedId === messageId);
  const permissionFor = (address: string) => bot.emulator.control.permissionsOf(alex.email, calendarIdOf(bot, alex, 'Team Offsite')).find((permission) => permission.address === address);

  async function alexReviewsInGroup(): Promise<Card> {
    await bot.post(bot.activity(alex, { type: 'message', text: '/share', conversation: groupChat }));
    const reviewed = await clickInGroup(alex, { verb: 'shareReview', calendarId: calendarIdOf(bot, alex, 'Team Offsite'), emails: 'adelev@example.com', role: 'read', endDate: '' }, 'form-1');
    return invokeCard(reviewed) as Card;
  }

  it("in a group chat: a colleague's click on the owner's card is refused to them only, before and after the owner's own click", async () => {
    const review = await alexReviewsInGroup();
    const shareData = buttonData(review, 'Share');

    const early = await clickInGroup(megan, shareData, 'review-1');
    expect(early.status).toBe(200);
    expect(cardText(invokeCard(early))).toContain('This card belongs to Alex Wilber');
    expect(permissionFor('adelev@example.com')).toBeUndefined();

    // The owner shares: his card refreshes itself, so it replaces the message for everyone.
    const confirmed = await clickInGroup(alex, shareData, 'review-1');
    expect(cardText(invokeCard(confirmed))).toContain('Adele Vance');
    expect(permissionFor('adelev@example.com')).toMatchObject({ role: 'read' });
    await until(() => updatesOf('review-1').length === 1);

    // teams-ai would now replace the message for everyone with any answer of this verb; ours does not.
    const late = await clickInGroup(megan, shareData, 'review-1');
    expect(cardText(invokeCard(late))).toContain('This card belongs to Alex Wilber');
    await new Promise((resolve) => setImmediate(resolve));
    expect(updatesOf('review-1')).toHaveLength(1);
  });

  it('in a 1:1 chat: a forwarded card answers its clicker without touching the message', async () => {
    const review = await alexReviewsInGroup();
    const forwarded = await bot.click(megan, buttonData(review, 'Share'), 'forwarded-1');
    expect(cardText(invokeCard(forwarded))).toContain('This card belongs to Alex Wilber');
    await new Promise((resolve) => setImmediate(resolve));
    expect(updatesOf('forwarded-1')).toEqual([]);
  });

  it('a share that was written answers success at once even when updating the message fails; the update is retried', async () => {
    const review = await alexReviewsInGroup();
    bot.connector.failNext = { status: 404, count: 1 };
    const confirmed = await clickInGroup(alex, buttonData(review, 'Share'), 'review-2');
    expect(confirmed.status).toBe(200);
    expect(cardText(invokeCard(confirmed))).toContain('Adele Vance');
    expect(permissionFor('adelev@example.com')).toMatchObject({ role: 'read' });
    await until(() => updatesOf('review-2').length === 1);
    expect(bot.connector.failNext).toEqual({ status: 404, count: 0 });
  });

  it('queues the replies of a done action that cannot be sent during the click, and delivers them from the outbox', async () => {
    await bot.say(alex, 'hello');
    const first = await alexReviewsInGroup();
    await clickInGroup(alex, buttonData(first, 'Share'), 'review-3');
    // Sharing again with a higher level: Graph refuses the change, which the confirmation reports in a message.
    const again = await alexReviewsInGroup();
    bot.emulator.control.injectFault({ method: 'PATCH', path: 'calendarPermissions/', status: 403, code: 'ErrorAccessDenied' });
    bot.connector.failNext = { status: 404, count: 1 };
    const confirmed = await clickInGroup(alex, { ...buttonData(again, 'Share'), role_0: 'write' }, 'review-4');
    expect(confirmed.status).toBe(200);
    expect(invokeCard(confirmed)).toBeDefined();
    const delivered = await bot.deliverOutbox();
    expect(delivered.filter((activity) => activity.conversationId === `personal-${alex.aadObjectId}`).map((activity) => activity.text)).toEqual([
      expect.stringContaining('I could not change the access of Adele Vance'),
    ]);
  });
});
