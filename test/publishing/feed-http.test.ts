import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { ICAL } from '../../src/ical/ical';
import { suiteHarness, type BotHarness } from '../support/bot-harness';
import { buttonData, cardFrom, invokeCard } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, megan } from '../support/demo-users';
import { publishedLink, rowButton } from './publish-kit';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request without fetch's automatic decompression, to see the bytes on the wire. */
function raw(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const summariesOf = (body: Buffer): string[] =>
  new ICAL.Component(ICAL.parse(body.toString('utf8')) as unknown[])
    .getAllSubcomponents('vevent')
    .map((vevent) => String(vevent.getFirstPropertyValue('summary')))
    .sort();

const calendarViewReads = (bot: BotHarness): number => bot.emulator.control.requests().filter((entry) => /calendarView/.test(entry.path)).length;

describe('the published feed over HTTP', () => {
  const logs: string[] = [];
  const bot = suiteHarness({ PUBLISHING_MAX_LEVEL: 'read' }, { logger: pino({ level: 'trace' }, { write: (line: string) => logs.push(line) }) });

  const feeds = new Map<string, string>();
  const seen: string[] = [];
  const link: typeof publishedLink = async (...args) => {
    const made = await publishedLink(...args);
    seen.push(made.token);
    return made;
  };

  it('serves availability only: busy blocks, no subject anywhere', async () => {
    const { url } = await link(bot, alex, 'Calendar', 'freeBusyRead');
    feeds.set('freeBusyRead', url);
    const response = await raw(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.body.toString('utf8');
    expect(new Set(summariesOf(response.body))).toEqual(new Set(['Busy', 'Away', 'Working elsewhere']));
    expect(text).not.toMatch(/Marketing stand-up|Doctor|Hercules|Trade show/);
    expect(text).toContain('METHOD:PUBLISH');
    expect(text).toContain('X-WR-CALNAME:Alex Wilber - Calendar');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT5M');
  });

  it('serves limited details, then full details once the level is changed, private events busy only', async () => {
    const { url } = await link(bot, alex, 'Project Phoenix', 'limitedRead');
    const limited = await raw(url);
    expect(summariesOf(limited.body)).toEqual(['Busy', 'Phoenix design review', 'Phoenix kickoff']);
    expect(limited.body.toString()).toContain('LOCATION:Room 2.14 Hercules');
    expect(limited.body.toString()).not.toMatch(/DESCRIPTION|Agency fee|confidential figures/);
    const change = invokeCard(await bot.click(alex, rowButton(cardFrom(await bot.say(alex, '/permissions')), 'Project Phoenix', 'Change level')));
    await bot.click(alex, { ...buttonData(change, 'Save'), level: 'read' });
    const full = (await raw(url)).body.toString('utf8');
    expect(full).toContain('DESCRIPTION:Kickoff of the Phoenix rebrand: scope\\, milestones\\, owners.');
    expect(full).not.toMatch(/Agency fee|confidential figures/);
  });

  it('answers 304 to If-None-Match and to If-Modified-Since, and HEAD with the headers only', async () => {
    const url = feeds.get('freeBusyRead')!;
    const first = await raw(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toBe('private, max-age=300');
    expect(first.headers['last-modified']).toBe('Mon, 23 Nov 2026 09:00:00 GMT');
    const byTag = await raw(url, { headers: { 'If-None-Match': etag } });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toHaveLength(0);
    expect(byTag.headers.etag).toBe(etag);
    expect((await raw(url, { headers: { 'If-None-Match': '"something-else"' } })).status).toBe(200);
    expect((await raw(url, { headers: { 'If-Modified-Since': 'Mon, 23 Nov 2026 09:00:00 GMT' } })).status).toBe(304);
    expect((await raw(url, { headers: { 'If-Modified-Since': 'Mon, 23 Nov 2026 08:59:59 GMT' } })).status).toBe(200);
    const head = await raw(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toHaveLength(0);
    expect(head.headers['content-length']).toBe(String(first.body.length));
    expect(head.headers.etag).toBe(etag);
  });

  it('compresses with gzip when asked, as its own representation', async () => {
    const url = feeds.get('freeBusyRead')!;
    const plain = await raw(url);
    const zipped = await raw(url, { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await raw(url, { headers: { 'Accept-Encoding': 'gzip;q=0' } })).headers['content-encoding']).toBeUndefined();
    expect((await raw(url, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': String(zipped.headers.etag) } })).status).toBe(304);
  });

  it('answers the same 404 for unknown, malformed, rotated and stopped links', async () => {
    const { url } = await link(bot, alex, 'Team Offsite');
    const base = url.replace(/[^/]+\.ics$/, '');
    const ask = invokeCard(await bot.click(alex, rowButton(cardFrom(await bot.say(alex, '/permissions')), 'Team Offsite', 'New link')));
    const rotated = invokeCard(await bot.click(alex, buttonData(ask, 'New link')));
    // The card escapes `_` for its markdown (\_, doubled in JSON); the link itself has no backslash.
    const fresh = /https?:\/\/\S+\.ics/.exec(JSON.stringify(rotated))![0].replace(/\\+_/g, '_');
    seen.push(/\/feeds\/([^/]+)\.ics$/.exec(fresh)![1]);
    const stop = invokeCard(await bot.click(alex, rowButton(cardFrom(await bot.say(alex, '/permissions')), 'Team Offsite', 'Stop publishing')));
    await bot.click(alex, buttonData(stop, 'Stop publishing'));
    const answers = await Promise.all([`${base}${'a'.repeat(64)}.ics`, `${base}short.ics`, `${base}..%2F..%2Fetc.ics`, url, fresh].map((link) => raw(link)));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).toBe('Not found\n');
    }
  });

  it('costs one Graph read per cache period, however many fetches', async () => {
    const url = feeds.get('freeBusyRead')!;
    bot.clock.advance(301_000);
    bot.emulator.control.clearRequests();
    await Promise.all(Array.from({ length: 5 }, () => raw(url)));
    for (let i = 0; i < 5; i += 1) await raw(url);
    expect(calendarViewReads(bot)).toBe(1);
    const etag = String((await raw(url)).headers.etag);
    bot.clock.advance(301_000);
    expect((await raw(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect(calendarViewReads(bot)).toBe(2);
    bot.emulator.control.addEvents(alex.email, [{ subject: 'New meeting', start: '2026-12-02T09:00:00Z', end: '2026-12-02T10:00:00Z' }]);
    expect((await raw(url, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    bot.clock.advance(301_000);
    const changed = await raw(url, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('covers the configured window around today', async () => {
    const calendarId = calendarIdOf(bot, alex, 'Team Offsite');
    const { url } = await link(bot, alex, 'Team Offsite', 'limitedRead');
    const day = (days: number) => new Date(bot.clock.now().getTime() + days * 86_400_000).toISOString();
    bot.emulator.control.addEvents(alex.email, [
      { calendarId, subject: 'Long ago', start: day(-40), end: day(-40 + 0.05) },
      { calendarId, subject: 'Last month', start: day(-20), end: day(-20 + 0.05) },
      { calendarId, subject: 'Next autumn', start: day(300), end: day(300.05) },
      { calendarId, subject: 'Too far', start: day(400), end: day(400.05) },
    ]);
    const summaries = summariesOf((await raw(url)).body);
    expect(summaries).toEqual(expect.arrayContaining(['Last month', 'Next autumn']));
    expect(summaries).not.toEqual(expect.arrayContaining(['Long ago']));
    expect(summaries).not.toContain('Too far');
  });

  it('serves the last feed when Graph is busy, and 503 with Retry-After when there is none', async () => {
    const cached = feeds.get('freeBusyRead')!;
    bot.clock.advance(301_000);
    bot.emulator.control.injectFault({ method: 'GET', path: 'calendarView', status: 429, retryAfter: '120' });
    try {
      expect((await raw(cached)).status).toBe(200);
      const { url } = await link(bot, megan, 'Marketing launches');
      const none = await raw(url);
      expect(none.status).toBe(503);
      expect(none.headers['retry-after']).toBe('120');
    } finally {
      bot.emulator.control.clearFaults();
    }
  });

  it('never writes a token in the logs', () => {
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(logs.join('\n')).toContain('published link rotated');
    for (const token of seen) expect(logs.join('\n')).not.toContain(token);
  });
});

describe('the per-link rate limit', () => {
  const bot = suiteHarness({ FEED_RATE_LIMIT_PER_MINUTE: '3' });

  it('answers 429 with Retry-After past the limit, for that link only', async () => {
    const first = await publishedLink(bot, alex, 'Calendar');
    const other = await publishedLink(bot, alex, 'Project Phoenix');
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await raw(first.url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await raw(first.url);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await raw(other.url)).status).toBe(200);
  });
});
