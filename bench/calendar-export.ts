import { request, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import restify from 'restify';
import { ManualClock } from '../src/clock';
import type { ExportEvent } from '../src/graph/calendar-gateway';
import { ICAL } from '../src/ical/ical';
import { calendarComponent, type CalendarFileInput } from '../src/ical/ics-writer';
import { FeedBuilder } from '../src/publishing/feed-builder';
import type { Publication } from '../src/publishing/publication-store';
import { busyLabels } from '../src/snapshot/snapshot-builder';
import { translatorFor } from '../src/i18n';
import type { BotHarness } from '../test/support/bot-harness';
import { calendarIdOf } from '../test/support/demo-calendars';
import { alex } from '../test/support/demo-users';

/** Side-by-side rows: what we measure, and the baseline measured in the same run. */
export interface ComparisonRow {
  name: string;
  ours: string;
  baseline: string;
  baselineName: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 10,000 events over a year: some private, some all-day, some occurrences of a series. */
export function syntheticEvents(count: number): ExportEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 23 + Math.floor(i / 28)));
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const hour = 7 + (i % 12);
    const allDay = i % 40 === 0;
    return {
      id: `event-${i}`,
      start: allDay ? `${date}T00:00:00.0000000` : `${date}T${pad(hour)}:00:00.0000000`,
      end: allDay ? `${date}T00:00:00.0000000`.replace(date, new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10)) : `${date}T${pad(hour)}:30:00.0000000`,
      timeZone: 'Europe/Paris',
      isAllDay: allDay,
      showAs: i % 7 === 0 ? 'tentative' : 'busy',
      subject: `Meeting ${i}, room ${i % 30}`,
      location: `Room ${i % 30}`,
      body: 'Agenda: numbers, plans; next steps.',
      isPrivate: i % 13 === 0,
      categories: i % 5 === 0 ? ['Blue category'] : [],
      lastModified: '2026-11-20T08:00:00Z',
      originalTimeZone: i % 3 === 0 ? 'Eastern Standard Time' : 'Romance Standard Time',
      ...(i % 10 === 0 ? { seriesMasterId: `series-${i % 100}`, originalStart: `${date}T0${7}:00:00Z` } : {}),
    };
  });
}

function time(runs: number, task: () => unknown): number {
  task();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) task();
  return (performance.now() - started) / runs;
}

/** Builds a feed of 10,000 events through the feed builder (the source seam fed in memory) vs raw ICAL.stringify. */
export async function feedBuildRow(): Promise<ComparisonRow> {
  const events = syntheticEvents(10_000);
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  const builder = new FeedBuilder({ source: { readEvents: () => Promise.resolve(events) }, clock, window: { daysBack: 30, monthsAhead: 12 }, refreshMinutes: 5 });
  const publication: Publication = {
    id: 'bench', owner: { userId: 'u', name: 'Alex Wilber', locale: 'en', zone: 'Europe/Paris' }, calendar: { id: 'c', name: 'Calendar' },
    level: 'limitedRead', status: 'active', createdAt: clock.now().toISOString(),
  };
  const runs = 5;
  await builder.build(publication);
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) await builder.build(publication);
  const ours = (performance.now() - started) / runs;
  const input: CalendarFileInput = { name: 'Alex Wilber - Calendar', calendarZone: 'Europe/Paris', level: 'limitedRead', events, labels: busyLabels(translatorFor('en')), now: clock.now() };
  const jcal = calendarComponent(input).toJSON() as unknown[];
  const baseline = time(runs, () => ICAL.stringify(jcal));
  return { name: 'build a feed of 10,000 events (read, VEVENTs, VTIMEZONEs, stringify, gzip, ETag)', ours: `${ours.toFixed(0)} ms`, baselineName: 'raw ICAL.stringify of the same events', baseline: `${baseline.toFixed(0)} ms` };
}

async function throughput(url: string, headers: Record<string, string>, total: number, concurrency: number, expected: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === expected ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next += 1;
      await once();
    }
  }));
  agent.destroy();
  return (total * 1000) / (performance.now() - started);
}

/** The bot's 304 path (token lookup, rate limit, cache, validators) vs a plain restify handler sending the same bytes. */
export async function notModifiedRow(bot: BotHarness): Promise<ComparisonRow> {
  await bot.say(alex, '/publish');
  const card = await bot.click(alex, { verb: 'publishCreate', calendarId: calendarIdOf(bot, alex, 'Calendar'), level: 'freeBusyRead' });
  const link = /https?:\/\/[^"\s]+\/feeds\/[A-Za-z0-9_-]{43,}\.ics/.exec(JSON.stringify(card.body))![0];
  const first = await fetch(link);
  const etag = first.headers.get('etag')!;
  const bytes = Buffer.from(await first.arrayBuffer());
  const plain = restify.createServer();
  plain.get('/same.ics', (_req, res, next) => {
    res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Length': bytes.length });
    res.end(bytes);
    next();
  });
  await new Promise<void>((resolve) => {
    plain.listen(0, '127.0.0.1', () => resolve());
  });
  try {
    const total = 4000;
    const ours = await throughput(link, { 'If-None-Match': etag }, total, 20, 304);
    const baseline = await throughput(`http://127.0.0.1:${plain.address().port}/same.ics`, {}, total, 20, 200);
    return { name: `feed 304 path (If-None-Match, ${total} requests, 20 connections)`, ours: `${ours.toFixed(0)} req/s`, baselineName: `plain restify handler, the same ${bytes.length} bytes`, baseline: `${baseline.toFixed(0)} req/s` };
  } finally {
    plain.close();
  }
}
