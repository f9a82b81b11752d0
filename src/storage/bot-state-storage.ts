import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../clock';
import type { DatabaseSchema } from './schema';

/** Keys per statement: far below the bound-parameter limits of SQLite and PostgreSQL. */
const keysPerStatement = 500;

/** Another writer changed the item since it was read. The message matches botbuilder's MemoryStorage. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * Bot Framework storage (teams-ai turn state) in the bot's SQL database, with the semantics of
 * botbuilder's MemoryStorage: an item written with no eTag or '*', or whose key holds nothing, is
 * written; otherwise its eTag must be the stored one. Each key is checked and written by one
 * statement, so the check holds across bot instances sharing a PostgreSQL database.
 */
export class SqlBotStorage implements Storage {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Returns the items that exist, each with its current eTag; missing keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const batch of batches(keys)) {
      const rows = await this.db.selectFrom('bot_state').select(['key', 'value', 'etag']).where('key', 'in', batch).execute();
      for (const row of rows) {
        items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
      }
    }
    return items;
  }

  /**
   * Writes every item, each with a new eTag. Like MemoryStorage, a conflict on one key does not stop
   * the others: the first conflict is thrown once all keys were tried.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const updatedAt = this.clock.now().toISOString();
    let conflict: ETagConflictError | undefined;
    for (const key of Object.keys(changes)) {
      const written = await this.writeItem(key, changes[key] as unknown, updatedAt);
      if (!written) conflict ??= new ETagConflictError(key);
    }
    if (conflict) throw conflict;
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    for (const batch of batches(keys)) {
      await this.db.deleteFrom('bot_state').where('key', 'in', batch).execute();
    }
  }

  /** False when the stored item has another eTag than the one the caller read. */
  private async writeItem(key: string, item: unknown, updatedAt: string): Promise<boolean> {
    const { eTag, document } = splitETag(item);
    const row = { key, value: JSON.stringify(document), etag: randomUUID(), updated_at: updatedAt };
    const changes = { value: row.value, etag: row.etag, updated_at: row.updated_at };
    // One upsert: a missing row is inserted; an existing one is updated only when the eTag matches.
    // PostgreSQL locks the row and re-checks the condition on the latest version, so of two writers
    // holding the same eTag exactly one wins.
    const result = await this.db
      .insertInto('bot_state')
      .values(row)
      .onConflict((conflict) => {
        const update = conflict.column('key').doUpdateSet(changes);
        return eTag === undefined ? update : update.where('bot_state.etag', '=', eTag);
      })
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
}

/** The item without its eTag, and the eTag the write is conditional on (undefined: unconditional). */
function splitETag(item: unknown): { eTag: string | undefined; document: Record<string, unknown> } {
  // A shallow copy, like MemoryStorage's Object.assign: the caller's item is left untouched.
  const document: Record<string, unknown> = typeof item === 'object' && item !== null ? { ...item } : {};
  const eTag = document.eTag;
  delete document.eTag;
  // MemoryStorage writes unconditionally for any falsy eTag, and compares anything else strictly.
  if (!eTag || eTag === '*') return { eTag: undefined, document };
  return { eTag: typeof eTag === 'string' ? eTag : JSON.stringify(eTag), document };
}

function batches(keys: string[]): string[][] {
  const unique = [...new Set(keys)];
  const result: string[][] = [];
  for (let start = 0; start < unique.length; start += keysPerStatement) {
    result.push(unique.slice(start, start + keysPerStatement));
  }
  return result;
}
