import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { alex, megan } from '../support/demo-users';
import { share } from '../dialogs/share/share-kit';

/** Resolves once `check` holds, looking again on each turn of the event loop (no fixed sleep). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 2_000; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

describe('a share that Graph keeps waiting is never taken over while it runs', () => {
  let bot: BotHarness;
  let release: () => void = () => undefined;
  afterEach(() => bot.stop());

  it('refreshes its operation while it runs: recovery on another instance leaves it alone, and the share ends once, invited once', async () => {
    let entered!: () => void;
    const inGraph = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    bot = await startBotHarness(
      {},
      {
        sharingHeartbeatMs: 5,
        sharingHooks: {
          // A throttled grant: the Graph call waits (here, until the test lets it go).
          beforeGraphWrite: async () => {
            entered();
            await held;
          },
        },
      },
    );
    await bot.say(megan, 'hello');
    const second = await bot.startSecondInstance();
    try {
      const confirming = share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
      await inGraph;
      const intentAt = async () => (await bot.app.database.db.selectFrom('share_invitations').select('intent_at').executeTakeFirstOrThrow()).intent_at;
      const started = await intentAt();
      // Two minutes pass (recovery takes anything untouched for 60 s); the heartbeat marks the operation alive.
      bot.clock.advance(120_000);
      await until(async () => (await intentAt()) !== started);
      expect(await second.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });

      release();
      await confirming;
      const row = await bot.app.database.db.selectFrom('share_invitations').select(['status', 'intent_id']).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'pending', intent_id: null });
      // One invitation, queued once.
      const invitations = await bot.app.database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', 'invite:%').execute();
      expect(invitations).toHaveLength(1);
    } finally {
      release();
      await second.close();
    }
  });
});
