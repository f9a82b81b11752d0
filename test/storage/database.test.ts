import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase } from '../../src/storage/database';
import { migrations } from '../../src/storage/migrations';

describe('openDatabase', () => {
  let folder: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'open-database-'));
  });
  afterAll(() => fs.promises.rm(folder, { recursive: true, force: true }));

  it('creates the SQLite file and its folders, and logs each migration it applies only once', async () => {
    const logs: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
    const sqliteFile = path.join(folder, 'nested', '.data', 'bot.sqlite');

    const first = await openDatabase({ sqliteFile, logger });
    await first.close();
    expect(fs.existsSync(sqliteFile)).toBe(true);
    expect(logs.map((line) => (JSON.parse(line) as { migration?: string }).migration)).toEqual(Object.keys(migrations).sort());

    const second = await openDatabase({ sqliteFile, logger });
    await second.close();
    expect(logs).toHaveLength(Object.keys(migrations).length);
  });

  it('prefers the database URL over the SQLite file', async () => {
    const sqliteFile = path.join(folder, 'unused', 'bot.sqlite');
    await expect(openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', sqliteFile })).rejects.toThrow();
    expect(fs.existsSync(path.dirname(sqliteFile))).toBe(false);
  });

  it.each([
    ['neither a URL nor a file', {}, 'Either a database URL or a SQLite file is needed'],
    ['a URL of another database', { databaseUrl: 'mysql://root:s3cret@db/bot' }, 'must start with postgres://'],
    ['a schema name that would need quoting', { databaseUrl: 'postgres://postgres@127.0.0.1/test', schema: 'Bot State' }, 'Invalid PostgreSQL schema name'],
  ])('refuses %s', async (_case, options, message) => {
    const opening = openDatabase(options);
    await expect(opening).rejects.toThrow(message);
    await expect(opening).rejects.not.toThrow('s3cret');
  });
});
