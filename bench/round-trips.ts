import { startBotHarness } from '../test/support/bot-harness';
import { countedActions, lastRequests } from '../test/support/round-trips';

/** Graph round trips per action, each on a fresh bot and demo organisation; `verbose` lists the requests. */
export async function countRoundTrips(verbose = false): Promise<Array<[string, number]>> {
  const counts: Array<[string, number]> = [];
  for (const [action, count] of Object.entries(countedActions)) {
    const bot = await startBotHarness();
    try {
      counts.push([action, await count(bot)]);
      if (verbose) console.log(`${action}:\n  ${lastRequests(bot).join('\n  ')}`);
    } finally {
      await bot.stop();
    }
  }
  return counts;
}

if (require.main === module) {
  void countRoundTrips(process.argv.includes('--verbose')).then((counts) => {
    for (const [action, n] of counts) console.log(`graph round trips ${action}: ${n}`);
  });
}
