import { textReply } from '../../src/dialogs/reply';
import { alex, inFrench, megan, patti } from '../support/demo-users';
import { startBotHarness, type BotHarness } from '../support/bot-harness';

describe('proactive delivery through the outbox', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBotHarness();
    await bot.say(megan, 'hello');
  });
  afterEach(() => bot.stop());

  it('knows who it can reach, in the language they last used', async () => {
    await bot.say(inFrench(alex), '/aide');
    expect(await bot.app.notifier.reachable(megan.aadObjectId)).toMatchObject({ locale: 'en' });
    expect(await bot.app.notifier.reachable(alex.aadObjectId)).toMatchObject({ locale: 'fr' });
    expect(await bot.app.notifier.reachable(patti.aadObjectId)).toBeUndefined();
  });

  it('delivers a queued message to the person 1:1 conversation, once per dedupe key', async () => {
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('Alex shared a calendar')], { dedupeKey: 'invite-1' });
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('Alex shared a calendar')], { dedupeKey: 'invite-1' });
    const sent = await bot.deliverOutbox();
    expect(sent.map((activity) => [activity.conversationId, activity.text])).toEqual([[`personal-${megan.aadObjectId}`, 'Alex shared a calendar']]);
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  // The connector client itself retries 5xx three times (with real waits), so a 502 reaches the
  // outbox only when it persists: count 4.
  it.each([
    [429, 1],
    [412, 1],
    [502, 4],
  ])('retries after a %i with backoff, then delivers', async (status, count) => {
    bot.connector.failNext = { status, count };
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('retry me')], { dedupeKey: `k-${status}` });
    expect(await bot.deliverOutbox()).toEqual([]);
    expect(await bot.deliverOutbox()).toEqual([]);
    bot.clock.advance(1_001);
    expect((await bot.deliverOutbox()).map((activity) => activity.text)).toEqual(['retry me']);
  });

  it('gives up on a person who blocked the bot (403) without retrying, and stops counting them as reachable', async () => {
    bot.connector.failNext = { status: 403, count: 1 };
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('blocked')], { dedupeKey: 'k-403' });
    await bot.deliverOutbox();
    bot.clock.advance(600_000);
    expect(await bot.deliverOutbox()).toEqual([]);
    expect(await bot.app.notifier.reachable(megan.aadObjectId)).toBeUndefined();
    await bot.say(megan, 'hello again');
    expect(await bot.app.notifier.reachable(megan.aadObjectId)).toMatchObject({ locale: 'en' });
  });

  it('hands a message that cannot be delivered for good to its feature, and retries when the handler fails', async () => {
    const handled: string[] = [];
    let failures = 1;
    bot.app.notifier.whenUndeliverable?.('test-kind', (ref) => {
      if (failures-- > 0) return Promise.reject(new Error('mailbox busy'));
      handled.push(ref.id);
      return Promise.resolve();
    });
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('lost')], { dedupeKey: 'k-lost', onUndeliverable: { kind: 'test-kind', id: 'record-1' } });
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('plain')], { dedupeKey: 'k-plain' });
    bot.connector.failNext = { status: 403, count: 2 };
    expect(await bot.app.outbox.drain()).toEqual({ sent: 0, retried: 1, failed: 1, lost: 0 });
    expect(handled).toEqual([]);
    bot.clock.advance(600_000);
    bot.connector.failNext = { status: 403, count: 1 };
    expect(await bot.app.outbox.drain()).toEqual({ sent: 0, retried: 0, failed: 1, lost: 0 });
    expect(handled).toEqual(['record-1']);
    bot.clock.advance(600_000);
    expect(await bot.deliverOutbox()).toEqual([]);
    expect(handled).toEqual(['record-1']);
  });

  it('lets a feature use up a dedupe key for a message sent another way (email), once, sending nothing', async () => {
    expect(await bot.app.notifier.once?.('mail-1')).toBe(true);
    expect(await bot.app.notifier.once?.('mail-1')).toBe(false);
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('same key')], { dedupeKey: 'mail-1' });
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('delivers after a restart what was queued before it', async () => {
    await bot.app.notifier.notify(megan.aadObjectId, [textReply('survives a restart')], { dedupeKey: 'k-restart' });
    await bot.restartApp();
    expect((await bot.deliverOutbox()).map((activity) => activity.text)).toEqual(['survives a restart']);
  });

  it('sends once when two instances drain the same outbox at the same time', async () => {
    const second = await bot.startSecondInstance();
    try {
      for (let i = 0; i < 5; i++) await bot.app.notifier.notify(megan.aadObjectId, [textReply(`n${i}`)], { dedupeKey: `k-${i}` });
      const before = bot.connector.sent.length;
      await Promise.all([bot.app.outbox.drain(), second.outbox.drain()]);
      const texts = bot.connector.sent.slice(before).map((activity) => activity.text).sort();
      expect(texts).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    } finally {
      await second.close();
    }
  });

  it('keeps to 7 messages per second in one conversation', async () => {
    for (let i = 0; i < 9; i++) await bot.app.notifier.notify(megan.aadObjectId, [textReply(`m${i}`)], { dedupeKey: `burst-${i}` });
    expect(await bot.deliverOutbox()).toHaveLength(7);
    bot.clock.advance(2_000);
    expect(await bot.deliverOutbox()).toHaveLength(2);
  });
});
