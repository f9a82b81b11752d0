import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { demoCalDav, startLocalCalDav } from '../../scripts/local-caldav';
import { CalDavClient } from '../../src/caldav/caldav-client';

describe("npm start's local CalDAV server", () => {
  it('starts Radicale with a demo account holding a few events, and keeps them across restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'local-caldav-'));
    try {
      const first = await startLocalCalDav(dataDir, pino({ level: 'silent' }));
      expect(first).toBeDefined();
      const connect = async (url: string) => {
        const client = await CalDavClient.connect({ serverUrl: url, userName: demoCalDav.userName, password: demoCalDav.password });
        const [calendar] = await client.listCalendars();
        return { name: calendar.name, objects: (await client.listObjects(calendar.url)).length };
      };
      expect(await connect(first?.url ?? '')).toEqual({ name: 'Personnel', objects: 3 });
      await first?.stop();
      const again = await startLocalCalDav(dataDir, pino({ level: 'silent' }));
      expect(await connect(again?.url ?? '')).toEqual({ name: 'Personnel', objects: 3 });
      await again?.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
