import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/storage/database';
import { single, startSyncKit, vcalendar } from '../test/two-way-sync/sync-kit';
import { alex } from '../test/support/demo-users';

/**
 * `npm run bench` (last table) or `npm run bench:two-way-sync`: the first sync of 1,000 events each way between the Graph emulator and a
 * real Radicale, then an unchanged re-sync (target: 0 writes, at most one listing request per side).
 */
/** Runs the two syncs and prints their table. */
export async function benchTwoWaySync(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-sync-'));
  const database = await openDatabase({ sqliteFile: path.join(folder, 'bench.sqlite') });
  const kit = await startSyncKit(database, 'Bench');
  const count = Number(process.env.BENCH_EVENTS ?? 1000);
  try {
    const day = (n: number) => new Date(Date.UTC(2026, 10, 24) + (n % 300) * 86400_000).toISOString().slice(0, 10);
    await kit.gateway.writeEvents(
      { userId: alex.aadObjectId },
      Array.from({ length: count }, (_, n) => ({
        op: 'create' as const,
        calendar: { calendarId: kit.outlookCalendarId },
        event: single(`Outlook ${n}`, `${day(n)}T09:00:00`, `${day(n)}T10:00:00`),
        properties: {},
        transactionId: `bench-${n}`,
      })),
    );
    const client = await kit.direct();
    for (let n = 0; n < count; n += 1) {
      const date = day(n).replace(/-/g, '');
      await client.create(kit.caldavCalendarUrl, `c${n}.ics`, vcalendar('BEGIN:VEVENT', `UID:caldav-${n}`, 'DTSTAMP:20261120T080000Z', `DTSTART:${date}T140000Z`, `DTEND:${date}T150000Z`, `SUMMARY:CalDAV ${n}`, 'END:VEVENT'));
    }
    const pair = await kit.addPair();
    const rows: string[] = [];
    for (const name of ['first sync', 'unchanged re-sync']) {
      const graphBefore = kit.emulator.control.requests().filter((request) => !request.inBatch).length;
      const graphWritesBefore = kit.graphWrites();
      const caldavBefore = kit.caldavRequests.length;
      const caldavWritesBefore = kit.caldavWrites();
      const caldavWaitBefore = kit.caldavWaitMs();
      const t0 = performance.now();
      const outcome = await kit.engine().sync(pair.id);
      const ms = performance.now() - t0;
      if (outcome.status !== 'synced') throw new Error(`sync ${outcome.status}`);
      const graphCalls = kit.emulator.control.requests().filter((request) => !request.inBatch).length - graphBefore;
      const listings = kit.caldavRequests.slice(caldavBefore).filter((method) => method === 'REPORT').length;
      rows.push(
        `| ${name} | ${(ms / 1000).toFixed(1)} | ${((kit.caldavWaitMs() - caldavWaitBefore) / 1000).toFixed(1)} | ${outcome.report.toCaldav.created + outcome.report.toCaldav.updated} / ${outcome.report.toOutlook.created + outcome.report.toOutlook.updated} | ${graphCalls} | ${kit.graphWrites() - graphWritesBefore} | ${kit.caldavRequests.length - caldavBefore} | ${kit.caldavWrites() - caldavWritesBefore} | ${listings} |`,
      );
    }
    console.log(`Two-way sync, ${count} events each way (Graph emulator + Radicale on loopback)`);
    console.log('| run | s | of which waiting for CalDAV, s | written to CalDAV / Outlook | Graph HTTP round trips | Graph writes | CalDAV round trips | CalDAV writes | CalDAV REPORTs |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
  } finally {
    await kit.close();
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) void benchTwoWaySync();
