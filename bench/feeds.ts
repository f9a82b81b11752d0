import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mapFeedEvents } from '../src/ical/graph-event-mapping';
import { ICAL } from '../src/ical/ical';
import { readIcs } from '../src/ical/ics-reader';
import { contentHashOf, planSync, unitsOf } from '../src/feeds/sync-plan';
import type { FeedItem } from '../src/feeds/feed-store';
import { openDatabase } from '../src/storage/database';
import { startFeedKit } from '../test/feeds/feed-kit';
import { bigFeed } from '../test/feeds/fixtures/ics-fixtures';
import { alex } from '../test/support/demo-users';

/**
 * iCalendar feeds (issue 11): parse+diff of a 10,000-event feed against raw ICAL.parse of the same
 * text, the longest event-loop stall while doing it, and the Graph calls of an unchanged feed and of
 * one changed event (against the emulator).
 */
/** A full collection before each timed run, when V8 lets us have one (no flag needed on the command line). */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const window = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2027-12-31T00:00:00Z') };

async function parseAndDiff(text: string, items: Map<string, FeedItem>): Promise<number> {
  const read = await readIcs(text, { floatingZone: 'Europe/Paris' });
  const mapped = await mapFeedEvents(read, { window });
  const units = await unitsOf(mapped.events);
  contentHashOf(units);
  return planSync(units, items, () => false).update.length;
}

async function parsing(count: number): Promise<Array<[string, string, string]>> {
  const text = bigFeed(count);
  const changed = bigFeed(count, { index: 42, summary: 'Changed' });
  const previous = await unitsOf((await mapFeedEvents(await readIcs(text, { floatingZone: 'Europe/Paris' }), { window })).events);
  const items = new Map(previous.map((unit) => [unit.event.key, { key: unit.event.key, eventId: unit.event.key, hash: unit.hash, isSeries: false, changeKey: '' }]));
  const raw: number[] = [];
  const ours: number[] = [];
  let updates = 0;
  const timeRaw = () => {
    collectGarbage();
    const started = performance.now();
    ICAL.parse(text);
    raw.push(performance.now() - started);
  };
  const timeOurs = async () => {
    collectGarbage();
    const started = performance.now();
    updates = await parseAndDiff(changed, items);
    ours.push(performance.now() - started);
  };
  // Interleaved, in alternating order, each from a collected heap: neither side pays the other's garbage.
  for (let run = 0; run < 9; run++) {
    if (run % 2 === 0) {
      timeRaw();
      await timeOurs();
    } else {
      await timeOurs();
      timeRaw();
    }
  }
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await parseAndDiff(changed, items);
  delay.disable();
  const ratio = median(ours) / median(raw);
  return [
    [`raw ICAL.parse, ${count} events (${(text.length / 1e6).toFixed(1)} MB)`, `${median(raw).toFixed(0)} ms`, 'baseline'],
    [`parse + map + diff, ${count} events (${updates} changed found)`, `${median(ours).toFixed(0)} ms (${ratio.toFixed(2)}x; median of ${ours.length} interleaved runs)`, 'at most 2x'],
    ['longest event-loop stall during parse + diff', `${(delay.max / 1e6).toFixed(0)} ms`, 'under 100 ms'],
  ];
}

async function graphCalls(count: number): Promise<Array<[string, string, string]>> {
  const database = await openDatabase({ sqliteFile: ':memory:' });
  const kit = await startFeedKit(database);
  try {
    const served = kit.serve('/bench.ics', { content: bigFeed(count), etags: true });
    const calendar = await kit.gateway.createCalendar({ userId: alex.aadObjectId }, { name: 'Bench' });
    const feed = await kit.store.create({
      ownerId: alex.aadObjectId,
      name: 'Bench',
      url: kit.feedUrl('/bench.ics'),
      target: { calendarId: calendar.id, name: 'Bench', createdByBot: true },
      floatingZone: 'Europe/Paris',
      refreshMinutes: 60,
      nextRunAt: kit.clock.now().toISOString(),
    });
    const sync = kit.sync();
    let started = performance.now();
    await sync.sync(feed.id);
    const firstMs = performance.now() - started;
    const count304 = async () => {
      kit.emulator.control.clearRequests();
      const fetchesBefore = kit.server.requests.length;
      await sync.sync(feed.id);
      const requests = kit.emulator.control.requests();
      return { fetches: kit.server.requests.length - fetchesBefore, graph: requests.length, writes: requests.filter((request) => request.inBatch && request.method !== 'GET').length };
    };
    const unchanged = await count304();
    served.content = bigFeed(count, { index: 7, summary: 'Moved' });
    started = performance.now();
    const changed = await count304();
    const changedMs = performance.now() - started;
    return [
      [`first sync, ${count} events`, `${firstMs.toFixed(0)} ms, ${Math.ceil(count / 20)} $batch`, '-'],
      ['unchanged feed: feed fetches / Graph calls / writes', `${unchanged.fetches} conditional GET / ${unchanged.graph} / ${unchanged.writes}`, '1 / 0 / 0'],
      ['one event changed: Graph writes', `${changed.writes} (${changed.graph} Graph request(s), ${changedMs.toFixed(0)} ms)`, '1'],
    ];
  } finally {
    await kit.close();
    await database.close();
  }
}

/** The feeds rows of `npm run bench`. */
export async function feedBenchRows(): Promise<Array<[string, string, string]>> {
  return [...(await parsing(10_000)), ...(await graphCalls(1000))];
}
