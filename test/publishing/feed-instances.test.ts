import { randomBytes } from 'node:crypto';
import type { RunningApp } from '../../src/app-runtime';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { alex } from '../support/demo-users';
import { dropSchemas } from '../support/test-databases';
import { publishedLink } from './publish-kit';

const calendarViewReads = (bot: BotHarness): number => bot.emulator.control.requests().filter((entry) => /calendarView/.test(entry.path)).length;

interface Backend {
  name: string;
  env: Record<string, string>;
  schema?: string;
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (each run in its own schema). */
const databaseUrl = process.env.TEST_DATABASE_URL;
const backends: Backend[] = [
  { name: 'SQLite', env: {} },
  ...(databaseUrl ? [{ name: 'PostgreSQL', env: { DATABASE_URL: databaseUrl }, schema: `feeds_${process.pid}_${randomBytes(4).toString('hex')}` }] : []),
];

describe.each(backends)('two bot instances serving published feeds on one database ($name)', (backend) => {
  let bot: BotHarness;
  let second: RunningApp;
  beforeAll(async () => {
    bot = await startBotHarness({ ...backend.env, FEED_RATE_LIMIT_PER_MINUTE: '10' }, { databaseSchema: backend.schema });
    second = await bot.startSecondInstance({ databaseSchema: backend.schema });
  });
  afterAll(async () => {
    await second?.close();
    await bot?.stop();
    if (backend.schema && databaseUrl) await dropSchemas(databaseUrl, [backend.schema]);
  });

  /** The same link on either instance. */
  const on = (app: RunningApp, url: string): string => `${app.url}${new URL(url).pathname}`;

  it('cost one Graph read per cache period in total, fetches alternating between them', async () => {
    const { url } = await publishedLink(bot, alex, 'Calendar', 'freeBusyRead');
    bot.emulator.control.clearRequests();
    const fetchBoth = async (): Promise<string[]> => {
      const tags: string[] = [];
      for (const app of [bot.app, second, bot.app, second]) {
        const response = await fetch(on(app, url));
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('BEGIN:VCALENDAR');
        tags.push(String(response.headers.get('etag')));
      }
      return tags;
    };
    const first = await fetchBoth();
    expect(calendarViewReads(bot)).toBe(1);
    expect(new Set(first).size).toBe(1);
    // The second instance answers the first one's ETag with 304: the same bytes, not its own build.
    expect((await fetch(on(second, url), { headers: { 'If-None-Match': first[0] } })).status).toBe(304);

    bot.clock.advance(301_000);
    bot.emulator.control.addEvents(alex.email, [{ subject: 'New meeting', start: '2026-11-24T09:00:00Z', end: '2026-11-24T10:00:00Z' }]);
    const next = await fetchBoth();
    expect(calendarViewReads(bot)).toBe(2);
    expect(new Set(next).size).toBe(1);
    expect(next[0]).not.toBe(first[0]);
  });

  if (backend.name === 'PostgreSQL') {
    it('count the per-link rate limit together (PostgreSQL store)', async () => {
      const { url } = await publishedLink(bot, alex, 'Team Offsite', 'freeBusyRead');
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await fetch(on(i % 2 === 0 ? bot.app : second, url))).status);
      // Ten a minute for the link, whichever instance answers: each alone would have allowed twenty.
      expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
    });
  }
});
