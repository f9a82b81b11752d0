/**
 * A real Radicale (Debian's package, installed by scripts/ensure-radicale.sh) for one test file: on
 * loopback, on a free port, with a throw-away storage folder and plain htpasswd users. `stop()` and
 * `start()` again play a server going down and coming back on the same port with the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchRadicale, makeRadicaleCalendar, stopRadicale, writeRadicaleUsers, type RadicaleProcess } from '../../scripts/radicale-process';

export interface RadicaleServer {
  url: string;
  port: number;
  /** Makes a calendar collection for `user` (MKCALENDAR) and returns its URL. */
  makeCalendar(user: string, password: string, name: string): Promise<string>;
  /** Replaces the accounts (Radicale reads its htpasswd file on every login): a changed app password. */
  setUsers(users: Record<string, string>): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRadicale(users: Record<string, string>): Promise<RadicaleServer> {
  const folder = mkdtempSync(join(tmpdir(), 'radicale-'));
  writeRadicaleUsers(folder, users);
  let running: RadicaleProcess | undefined = await launchRadicale(folder, 0);
  const port = running.port;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const current = running;
    running = undefined;
    await stopRadicale(current);
  };
  return {
    url,
    port,
    makeCalendar: async (user, password, name) => (await makeRadicaleCalendar(url, user, password, name)).url,
    setUsers: (next) => writeRadicaleUsers(folder, next),
    stop,
    async start() {
      if (!running) running = await launchRadicale(folder, port);
    },
    async close() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
