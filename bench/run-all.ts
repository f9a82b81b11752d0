import { alex } from '../test/support/demo-users';
import { startBotHarness } from '../test/support/bot-harness';
import { buildProduction } from '../test/support/built-bot';
import { feedBuildRow, notModifiedRow } from './calendar-export';
import { compareFootprint, compareTurns, floorName } from './compare';
import { feedBenchRows } from './feeds';
import { benchFreeBusySlots } from './freebusy-slots';
import { countRoundTrips } from './round-trips';
import { benchTwoWaySync } from './two-way-sync';

/**
 * `npm run bench [-- --seconds 3 --rounds 3 --connections 20 --only <scenario>]`: our production
 * build against a bare teams-ai bot (bench/baseline-bot.js), interleaved in one process tree, then
 * start-up and idle memory, then Graph round trips per action. On demand, never part of npm test.
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** `--only <scenario>` (repeatable): just those turn comparisons, nothing else. */
function onlyScenarios(): string[] {
  return process.argv.flatMap((arg, index) => (arg === '--only' && process.argv[index + 1] ? [process.argv[index + 1]] : []));
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  const seconds = option('seconds', 3);
  const rounds = option('rounds', 3);
  const connections = option('connections', 20);
  console.log(`bench ${new Date().toISOString()}: ${connections} connections, ${rounds} rounds of ${seconds} s per bot and scenario, Node ${process.version}`);
  buildProduction();

  const only = onlyScenarios();
  const comparisons = await compareTurns({ connections, seconds }, rounds, only);
  for (const c of comparisons) {
    console.log(
      `${c.name === floorName ? floorName : `compare ${c.name}`}: throughput ratio ${fixed(c.throughputRatio)}, p99 ratio ${fixed(c.p99Ratio)}` +
        `  (ours ${fixed(c.ours.throughput, 0)}/s p99 ${c.ours.p99} ms, baseline ${fixed(c.baseline.throughput, 0)}/s p99 ${c.baseline.p99} ms` +
        `${c.ours.errors + c.baseline.errors ? `, errors ${c.ours.errors}/${c.baseline.errors}` : ''})`,
    );
  }

  if (only.length) return;

  const footprint = await compareFootprint('http://127.0.0.1:9/v1.0', rounds);
  console.log(`startup ${fixed(footprint.ours.startupMs, 0)} ms (baseline ${fixed(footprint.baseline.startupMs, 0)} ms, ratio ${fixed(footprint.ours.startupMs / footprint.baseline.startupMs)})`);
  console.log(`idle rss ${fixed(footprint.ours.idleRssMb, 0)} MB (baseline ${fixed(footprint.baseline.idleRssMb, 0)} MB, ratio ${fixed(footprint.ours.idleRssMb / footprint.baseline.idleRssMb)})`);

  for (const [action, count] of await countRoundTrips()) console.log(`graph round trips ${action}: ${count}`);

  // Feature benches, each next to its baseline measured in the same run.
  // The feed bench makes thousands of requests on one link: above the default per-link limit.
  const bot = await startBotHarness({ FEED_RATE_LIMIT_PER_MINUTE: '10000' });
  try {
    await bot.say(alex, '/help');
    const comparisons = [await feedBuildRow(), await notModifiedRow(bot)];
    console.log('');
    console.log('| benchmark | ours | baseline | baseline is |');
    console.log('| --- | ---: | ---: | --- |');
    for (const row of comparisons) console.log(`| ${row.name} | ${row.ours} | ${row.baseline} | ${row.baselineName} |`);
  } finally {
    await bot.stop();
  }
  benchFreeBusySlots();
  console.log('');
  console.log('| iCalendar feeds | measured | target |');
  console.log('| --- | ---: | --- |');
  for (const [name, measured, target] of await feedBenchRows()) console.log(`| ${name} | ${measured} | ${target} |`);
  console.log('');
  await benchTwoWaySync();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
