import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ManualClock } from '../../src/clock';
import { ETagConflictError, SqlBotStorage } from '../../src/storage/bot-state-storage';
import { openDatabase, type AppDatabase } from '../../src/storage/database';
import { migrations } from '../../src/storage/migrations';
import { dropSchemas } from '../support/test-databases';

/** An item as read back: the document plus its eTag. */
type StoredItem = Record<string, unknown> & { eTag?: string };

/** Any eTag: typed `unknown` because jest's asymmetric matchers are `any`. */
const anETag: unknown = expect.any(String);

async function readItem(storage: SqlBotStorage, key: string): Promise<StoredItem | undefined> {
  const items: Record<string, StoredItem | undefined> = await storage.read([key]);
  return items[key];
}

/** One way of storing the bot's data, as the contract suite needs it. */
interface Backend {
  name: string;
  dialect: AppDatabase['dialect'];
  /** Whether opening the same location again finds the data written before. */
  persistent: boolean;
  /** Whether two instances may open one location at the same time (a fresh one included). */
  sharedByInstances: boolean;
  /** A new, empty place for a database: a file, a schema. */
  newLocation(): string;
  open(location: string): Promise<AppDatabase>;
  /** Removes every location this backend created. */
  cleanUp(): Promise<void>;
}

function sqliteFileBackend(): Backend {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-contract-'));
  let count = 0;
  return {
    name: 'SQLite file',
    dialect: 'sqlite',
    persistent: true,
    sharedByInstances: false,
    // A sub-folder that does not exist yet: openDatabase creates it.
    newLocation: () => path.join(folder, `run-${++count}`, 'bot.sqlite'),
    open: (location) => openDatabase({ sqliteFile: location }),
    cleanUp: () => fs.promises.rm(folder, { recursive: true, force: true }),
  };
}

function sqliteMemoryBackend(): Backend {
  return {
    name: 'SQLite :memory:',
    dialect: 'sqlite',
    persistent: false,
    sharedByInstances: false,
    newLocation: () => ':memory:',
    open: () => openDatabase({ sqliteFile: ':memory:' }),
    cleanUp: () => Promise.resolve(),
  };
}

/** Each location is a schema of its own, dropped at the end, so runs never see each other's rows. */
function postgresBackend(databaseUrl: string): Backend {
  const prefix = `storage_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const schemas: string[] = [];
  return {
    name: 'PostgreSQL',
    dialect: 'postgres',
    persistent: true,
    sharedByInstances: true,
    newLocation: () => {
      schemas.push(`${prefix}_${schemas.length + 1}`);
      return schemas[schemas.length - 1];
    },
    open: (schema) => openDatabase({ databaseUrl, schema }),
    cleanUp: () => dropSchemas(databaseUrl, schemas),
  };
}

/** The behaviour every backend must have: botbuilder's MemoryStorage semantics, migrations, lifecycle. */
function describeStorageContract(createBackend: () => Backend): void {
  const backend = createBackend();
  const opened: AppDatabase[] = [];
  let location: string;
  let database: AppDatabase;
  let clock: ManualClock;
  let storage: SqlBotStorage;

  const open = async (where = location): Promise<AppDatabase> => {
    const instance = await backend.open(where);
    opened.push(instance);
    return instance;
  };

  describe(backend.name, () => {
    beforeEach(async () => {
      location = backend.newLocation();
      database = await open();
      clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
      storage = new SqlBotStorage(database.db, clock);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((instance) => instance.close()));
    });
    afterAll(() => backend.cleanUp());

    const appliedMigrations = async (instance: AppDatabase): Promise<string[]> => {
      const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(instance.db);
      return rows.map((row) => row.name);
    };

    describe('migrations', () => {
      it('are all applied once, in order, on the expected dialect', async () => {
        expect(database.dialect).toBe(backend.dialect);
        expect(await appliedMigrations(database)).toEqual(Object.keys(migrations).sort());
      });

      it('are not run again on reopen', async () => {
        await database.close();
        const reopened = await open();
        expect(await appliedMigrations(reopened)).toEqual(Object.keys(migrations).sort());
      });

      if (backend.persistent) {
        it('keep the data across a reopen', async () => {
          await storage.write({ 'conv/1': { count: 1 } });
          await database.close();
          const reopened = await open();
          expect(await new SqlBotStorage(reopened.db, clock).read(['conv/1'])).toMatchObject({ 'conv/1': { count: 1 } });
        });
      }

      if (backend.sharedByInstances) {
        it('run once when two instances start together on an empty database', async () => {
          const fresh = backend.newLocation();
          const [first, second] = await Promise.all([open(fresh), open(fresh)]);
          expect(await appliedMigrations(first)).toEqual(Object.keys(migrations).sort());
          expect(await appliedMigrations(second)).toEqual(Object.keys(migrations).sort());
        });
      }
    });

    describe('read, write, delete', () => {
      it('reads back what was written, with an eTag, and only the keys that exist', async () => {
        await storage.write({ a: { name: 'Alex', nested: { list: [1, 2] } }, b: { flag: true } });
        const items: Record<string, StoredItem> = await storage.read(['a', 'missing', 'b']);
        expect(Object.keys(items).sort()).toEqual(['a', 'b']);
        expect(items.a).toEqual({ name: 'Alex', nested: { list: [1, 2] }, eTag: anETag });
        expect(items.b).toEqual({ flag: true, eTag: anETag });
        expect(items.a.eTag).not.toBe(items.b.eTag);
      });

      it('returns nothing for missing keys or an empty list', async () => {
        expect(await storage.read(['nobody'])).toEqual({});
        expect(await storage.read([])).toEqual({});
      });

      it('deletes the given keys only, and ignores missing ones', async () => {
        await storage.write({ a: { n: 1 }, b: { n: 2 } });
        await storage.delete(['a', 'missing']);
        await storage.delete([]);
        expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
      });

      it('stamps each row with the clock', async () => {
        await storage.write({ a: { n: 1 } });
        clock.advance(60_000);
        await storage.write({ b: { n: 2 } });
        const rows = await database.db.selectFrom('bot_state').select(['key', 'updated_at']).orderBy('key').execute();
        expect(rows).toEqual([
          { key: 'a', updated_at: '2026-03-02T09:00:00.000Z' },
          { key: 'b', updated_at: '2026-03-02T09:01:00.000Z' },
        ]);
      });

      it('leaves the caller item untouched and does not store the eTag in the document', async () => {
        const item = { n: 1, eTag: '*' };
        await storage.write({ a: item });
        expect(item).toEqual({ n: 1, eTag: '*' });
        const row = await database.db.selectFrom('bot_state').select('value').where('key', '=', 'a').executeTakeFirstOrThrow();
        expect(JSON.parse(row.value)).toEqual({ n: 1 });
      });

      it('keeps large and unicode values and long unicode keys intact', async () => {
        const key = `msteams/${'19:a1b2c3d4e5f6@thread.tacv2;messageid=1700000000000'.repeat(18)}/conversations/日本語-🗓️`;
        const value = {
          text: 'Calendrier partagé ✓ — 日本語 — العربية — emoji 👩🏽‍💻 — nul \u0000 — lone \ud800',
          big: 'x'.repeat(1_000_000),
          list: Array.from({ length: 5_000 }, (_, index) => ({ index, label: `événement ${index}` })),
        };
        await storage.write({ [key]: value });
        expect(await readItem(storage, key)).toEqual({ ...value, eTag: anETag });
      });

      it('reads and deletes more keys than fit in one statement', async () => {
        const keys = Array.from({ length: 520 }, (_, index) => `user/${index}`);
        await storage.write(Object.fromEntries(keys.map((key) => [key, { key }])));
        expect(Object.keys(await storage.read(keys))).toHaveLength(keys.length);
        await storage.delete(keys);
        expect(await storage.read(keys)).toEqual({});
      });
    });

    describe('eTags', () => {
      it('change on every write', async () => {
        await storage.write({ a: { n: 1 } });
        const first = await readItem(storage, 'a');
        await storage.write({ a: { ...first, n: 2 } });
        const second = await readItem(storage, 'a');
        expect(second).toEqual({ n: 2, eTag: anETag });
        expect(second?.eTag).not.toBe(first?.eTag);
      });

      it("'*' and a missing eTag overwrite whatever is stored: last writer wins", async () => {
        await storage.write({ a: { n: 1 } });
        await storage.write({ a: { n: 2, eTag: '*' } });
        expect(await readItem(storage, 'a')).toMatchObject({ n: 2 });
        await storage.write({ a: { n: 3 } });
        expect(await readItem(storage, 'a')).toMatchObject({ n: 3 });
      });

      it('a stale eTag is a conflict and leaves the stored item as it was', async () => {
        await storage.write({ a: { n: 1 } });
        const stale = await readItem(storage, 'a');
        await storage.write({ a: { ...stale, n: 2 } });
        const write = storage.write({ a: { ...stale, n: 3 } });
        await expect(write).rejects.toBeInstanceOf(ETagConflictError);
        await expect(write).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');
        expect(await readItem(storage, 'a')).toMatchObject({ n: 2 });
      });

      it('an eTag for a key that holds nothing (deleted meanwhile) is written', async () => {
        await storage.write({ a: { n: 1 } });
        const read = await readItem(storage, 'a');
        await storage.delete(['a']);
        await storage.write({ a: { ...read, n: 2 } });
        await storage.write({ never: { n: 1, eTag: 'made-up' } });
        expect(await storage.read(['a', 'never'])).toMatchObject({ a: { n: 2 }, never: { n: 1 } });
      });

      it('a conflict on one key still writes the others, then throws for the conflicting one', async () => {
        await storage.write({ a: { n: 1 }, b: { n: 1 } });
        await expect(storage.write({ a: { n: 2, eTag: 'stale' }, b: { n: 2 } })).rejects.toThrow('"a" due to eTag conflict');
        expect(await storage.read(['a', 'b'])).toMatchObject({ a: { n: 1 }, b: { n: 2 } });
      });
    });

    describe('concurrency', () => {
      const raceOn = async (writers: SqlBotStorage[]): Promise<PromiseSettledResult<void>[]> => {
        await writers[0].write({ conv: { turn: 0 } });
        const conv = await readItem(writers[0], 'conv');
        return Promise.allSettled(writers.map((writer, index) => writer.write({ conv: { ...conv, turn: index + 1 } })));
      };
      const expectExactlyOneWinner = async (outcomes: PromiseSettledResult<void>[]): Promise<void> => {
        const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index + 1] : []));
        expect(winners).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ETagConflictError);
        }
        expect(await readItem(storage, 'conv')).toMatchObject({ turn: winners[0] });
      };

      it('of writers holding the same eTag, exactly one succeeds', async () => {
        await expectExactlyOneWinner(await raceOn(Array.from({ length: 8 }, () => new SqlBotStorage(database.db, clock))));
      });

      it('of first writers with the same made-up eTag on an empty key, exactly one succeeds', async () => {
        const outcomes = await Promise.allSettled([1, 2, 3].map((turn) => storage.write({ fresh: { turn, eTag: 'from-another-store' } })));
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      });

      if (backend.sharedByInstances) {
        it('of instances on separate connections holding the same eTag, exactly one succeeds', async () => {
          const instances = [database, await open(), await open()];
          const writers = instances.flatMap((instance) => [new SqlBotStorage(instance.db, clock), new SqlBotStorage(instance.db, clock)]);
          for (let round = 0; round < 5; round++) await expectExactlyOneWinner(await raceOn(writers));
        });
      }
    });

    describe('lifecycle', () => {
      it('answers ping while open, and fails once closed', async () => {
        await expect(database.ping()).resolves.toBeUndefined();
        await database.close();
        await expect(database.close()).resolves.toBeUndefined();
        await expect(database.ping()).rejects.toThrow();
      });
    });
  });
}

describeStorageContract(sqliteFileBackend);
describeStorageContract(sqliteMemoryBackend);
const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) describeStorageContract(() => postgresBackend(testDatabaseUrl));
