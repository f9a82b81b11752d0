import { performance } from 'node:perf_hooks';
import { alex } from '../test/support/demo-users';
import { startBotHarness } from '../test/support/bot-harness';
import { benchFreeBusySlots } from './freebusy-slots';
import { feedBuildRow, notModifiedRow } from './calendar-export';

/**
 * On-demand benchmarks (`npm run bench`), never part of CI's pass/fail: turns through the bot's HTTP
 * entry point, and gateway reads against the local Graph emulator. Prints one table.
 */
interface Row {
  name: string;
  runs: number;
  totalMs: number;
  p50: number;
  p95: number;
}

async function measure(name: string, runs: number, concurrency: number, task: (worker: number) => Promise<unknown>): Promise<Row> {
  const durations: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < runs) {
        next += 1;
        const t0 = performance.now();
        await task(worker);
        durations.push(performance.now() - t0);
      }
    }),
  );
  const totalMs = performance.now() - started;
  durations.sort((a, b) => a - b);
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
  return { name, runs, totalMs, p50: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
  // The feed bench makes thousands of requests on one link: above the default per-link limit.
  const bot = await startBotHarness({ FEED_RATE_LIMIT_PER_MINUTE: '10000' });
  const caller = { userId: alex.aadObjectId };
  try {
    await bot.say(alex, '/help');
    const rows = [
      await measure('turn: /help (1 conversation)', 200, 1, () => bot.say(alex, '/help')),
      await measure('turn: /help (20 conversations)', 400, 20, (worker) => bot.say({ ...alex, aadObjectId: `${alex.aadObjectId}-${worker}` }, 'help')),
      await measure('gateway: listMyCalendars', 300, 4, () => bot.app.gateway.listMyCalendars(caller)),
      await measure('gateway: listPermissions (batched, all calendars)', 200, 4, async () => {
        const calendars = await bot.app.gateway.listMyCalendars(caller);
        return bot.app.gateway.listPermissionsForCalendars(caller, { calendarIds: calendars.map((c) => c.id) });
      }),
    ];
    console.log('| benchmark | runs | ops/s | p50 ms | p95 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(`| ${row.name} | ${row.runs} | ${((row.runs * 1000) / row.totalMs).toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} |`);
    }
    // iCalendar out: each measure next to its baseline from the same run.
    const comparisons = [await feedBuildRow(), await notModifiedRow(bot)];
    console.log('');
    console.log('| benchmark | ours | baseline | baseline is |');
    console.log('| --- | ---: | ---: | --- |');
    for (const row of comparisons) console.log(`| ${row.name} | ${row.ours} | ${row.baseline} | ${row.baselineName} |`);
  } finally {
    await bot.stop();
  }
  benchFreeBusySlots();
}

void main();
