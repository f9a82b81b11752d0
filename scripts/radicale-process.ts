/**
 * Starts Debian's Radicale (scripts/ensure-radicale.sh) on loopback with htpasswd users and a storage
 * folder: for the tests (throw-away folder, free port) and for `npm start` (the data folder).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RadicaleProcess {
  child: ChildProcess;
  port: number;
}

export function radicaleInstalled(): boolean {
  return spawnSync('radicale', ['--version'], { stdio: 'ignore' }).status === 0;
}

function configText(folder: string, port: number): string {
  return [
    '[server]',
    `hosts = 127.0.0.1:${port}`,
    '[auth]',
    'type = htpasswd',
    `htpasswd_filename = ${join(folder, 'users')}`,
    'htpasswd_encryption = plain',
    'delay = 0',
    '[storage]',
    `filesystem_folder = ${join(folder, 'collections')}`,
    '[rights]',
    'type = owner_only',
    '[web]',
    'type = none',
    '[logging]',
    'level = info',
    '',
  ].join('\n');
}

/** Writes the users file (plain htpasswd: a loopback test or demo server only). */
export function writeRadicaleUsers(folder: string, users: Record<string, string>): void {
  writeFileSync(join(folder, 'users'), Object.entries(users).map(([user, password]) => `${user}:${password}`).join('\n') + '\n', { mode: 0o600 });
}

/** Starts Radicale on `port` (0: a free one) and resolves once it listens. */
export function launchRadicale(folder: string, port: number): Promise<RadicaleProcess> {
  writeFileSync(join(folder, 'config'), configText(folder, port));
  const child = spawn('radicale', ['--config', join(folder, 'config')], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Radicale did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on '?\[?127\.0\.0\.1\]?:(\d+)/.exec(output);
      if (listening && /server ready/i.test(output)) {
        clearTimeout(timer);
        resolve({ child, port: Number(listening[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Radicale exited (${code}): ${output}`));
    });
  });
}

export async function stopRadicale(process: RadicaleProcess | undefined): Promise<void> {
  if (!process || process.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    process.child.once('exit', () => resolve());
    process.child.kill('SIGTERM');
  });
}

/** MKCALENDAR for `user`; false when it already exists. */
export async function makeRadicaleCalendar(url: string, user: string, password: string, name: string): Promise<{ url: string; created: boolean }> {
  const calendarUrl = `${url}/${user}/${encodeURIComponent(name)}/`;
  const response = await fetch(calendarUrl, {
    method: 'MKCALENDAR',
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>`,
  });
  if (response.status === 201) return { url: calendarUrl, created: true };
  if (response.status === 405 || response.status === 409) return { url: calendarUrl, created: false };
  throw new Error(`MKCALENDAR ${response.status}`);
}
