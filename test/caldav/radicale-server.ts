/**
 * A real Radicale (Debian's package, installed by scripts/ensure-radicale.sh) for one test file: on
 * loopback, on a free port, with a throw-away storage folder and plain htpasswd users. `stop()` and
 * `start()` again play a server going down and coming back on the same port with the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RadicaleServer {
  url: string;
  port: number;
  /** Makes a calendar collection for `user` (MKCALENDAR) and returns its URL. */
  makeCalendar(user: string, password: string, name: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
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

function launch(folder: string, port: number): Promise<{ child: ChildProcess; port: number }> {
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

export async function startRadicale(users: Record<string, string>): Promise<RadicaleServer> {
  const folder = mkdtempSync(join(tmpdir(), 'radicale-'));
  writeFileSync(join(folder, 'users'), Object.entries(users).map(([user, password]) => `${user}:${password}`).join('\n') + '\n');
  let running: { child: ChildProcess; port: number } | undefined = await launch(folder, 0);
  const port = running.port;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const current = running;
    running = undefined;
    if (!current || current.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      current.child.once('exit', () => resolve());
      current.child.kill('SIGTERM');
    });
  };
  return {
    url,
    port,
    async makeCalendar(user, password, name) {
      const calendarUrl = `${url}/${user}/${encodeURIComponent(name)}/`;
      const response = await fetch(calendarUrl, {
        method: 'MKCALENDAR',
        headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>`,
      });
      if (response.status !== 201) throw new Error(`MKCALENDAR ${response.status}`);
      return calendarUrl;
    },
    stop,
    async start() {
      if (!running) running = await launch(folder, port);
    },
    async close() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
