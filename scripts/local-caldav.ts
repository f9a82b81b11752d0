/**
 * `npm start`'s CalDAV server, where Debian's Radicale is installed: on 127.0.0.1:5232 (Radicale's own
 * port; a free one if taken), data in the data folder, and a demo account for Alex Wilber (the
 * playground's default user) with a "Personnel" calendar holding a few events, so `/sync` can be tried
 * offline. Where Radicale is missing, nothing starts and the sync card explains how to add a server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { launchRadicale, makeRadicaleCalendar, radicaleInstalled, stopRadicale, writeRadicaleUsers, type RadicaleProcess } from './radicale-process';

export const demoCalDav = { userName: 'alex', password: 'demo-caldav' };

export interface LocalCalDav {
  url: string;
  stop(): Promise<void>;
}

function demoEvent(uid: string, summary: string, daysAhead: number, hour: number): string {
  const day = new Date(Date.now() + daysAhead * 86400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const pad = (value: number) => String(value).padStart(2, '0');
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Calendar Sharing Assistant//Demo//EN',
    'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261201T000000Z', `DTSTART:${day}T${pad(hour)}0000Z`, `DTEND:${day}T${pad(hour + 1)}0000Z`, `SUMMARY:${summary}`, 'END:VEVENT',
    'END:VCALENDAR', '',
  ].join('\r\n');
}

export async function startLocalCalDav(dataDir: string, logger: Logger): Promise<LocalCalDav | undefined> {
  if (!radicaleInstalled()) {
    logger.info('Radicale is not installed (sudo bash scripts/ensure-radicale.sh): /sync still connects to any CalDAV server.');
    return undefined;
  }
  const folder = path.join(dataDir, 'radicale');
  const fresh = !existsSync(folder);
  mkdirSync(folder, { recursive: true });
  writeRadicaleUsers(folder, { [demoCalDav.userName]: demoCalDav.password });
  let server: RadicaleProcess;
  try {
    server = await launchRadicale(folder, 5232);
  } catch {
    server = await launchRadicale(folder, 0);
  }
  const url = `http://127.0.0.1:${server.port}`;
  const auth = `Basic ${Buffer.from(`${demoCalDav.userName}:${demoCalDav.password}`).toString('base64')}`;
  const calendar = await makeRadicaleCalendar(url, demoCalDav.userName, demoCalDav.password, 'Personnel');
  if (fresh || calendar.created) {
    const events: Array<[string, string, number, number]> = [
      ['demo-yoga', 'Yoga', 1, 17],
      ['demo-dentist', 'Dentiste', 3, 8],
      ['demo-dinner', 'Dîner chez Camille', 5, 19],
    ];
    for (const [uid, summary, days, hour] of events) {
      await fetch(`${calendar.url}${uid}.ics`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'text/calendar; charset=utf-8', 'if-none-match': '*' }, body: demoEvent(uid, summary, days, hour) });
    }
  }
  logger.info(`Local CalDAV server (Radicale): ${url}, user ${demoCalDav.userName} (demo account, see README)`);
  return { url, stop: () => stopRadicale(server) };
}
