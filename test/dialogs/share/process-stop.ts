import type { BotHarness } from '../../support/bot-harness';
import type { SentActivity } from '../../support/fake-connector';

/** Thrown from a test seam to play a process that stops at that point: nothing after it runs. */
export class ProcessStop extends Error {
  constructor() {
    super('process stopped (test)');
    this.name = 'ProcessStop';
  }
}

/** Longer than the maintenance's default staleness (60 s): recovery may take the operation over. */
export const pastRecoveryDelay = 2 * 60_000;

/**
 * After a stop: nothing was sent; restart, check that recovery waits while the operation may still
 * be running elsewhere, recover once, and again from a second instance (nothing left). Returns what
 * the outbox delivered, and checks nothing more goes out however often recovery and the outbox run.
 */
export async function restartAndRecoverOnce(bot: BotHarness): Promise<SentActivity[]> {
  expect(await bot.deliverOutbox()).toEqual([]);
  await bot.restartApp();
  expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
  bot.clock.advance(pastRecoveryDelay);
  expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 1, left: 0 });
  const second = await bot.startSecondInstance();
  try {
    expect(await second.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
  } finally {
    await second.close();
  }
  const delivered = await bot.deliverOutbox();
  bot.clock.advance(pastRecoveryDelay);
  expect(await bot.app.shareMaintenance.recoverInterruptedShares()).toEqual({ completed: 0, left: 0 });
  expect(await bot.deliverOutbox()).toEqual([]);
  return delivered;
}
