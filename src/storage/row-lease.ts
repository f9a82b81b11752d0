import type { Kysely } from 'kysely';

/** The columns a table needs for `RowLease`. */
export interface LeaseColumns {
  id: string;
  lease_owner: string | null;
  lease_until: string | null;
}

/**
 * The feeds' lease (src/feeds/feed-store.ts) for any table with `id`, `lease_owner` and `lease_until`:
 * one conditional update, so across instances (SQLite or PostgreSQL) exactly one wins. Free, expired
 * or already ours. The feed store could move onto it; the two-way sync uses it.
 */
export class RowLease<T extends string> {
  private readonly db: Kysely<Record<T, LeaseColumns>>;

  constructor(
    db: unknown,
    private readonly table: T,
  ) {
    // The table's other columns do not matter to a lease.
    this.db = db as Kysely<Record<T, LeaseColumns>>;
  }

  async tryTake(id: string, owner: string, now: Date, ms: number): Promise<boolean> {
    const db = this.db as unknown as Kysely<Record<'leased', LeaseColumns>>;
    const result = await db
      .updateTable(this.table as unknown as 'leased')
      .set({ lease_owner: owner, lease_until: new Date(now.getTime() + ms).toISOString() })
      .where('id', '=', id)
      .where((where) => where.or([where('lease_owner', 'is', null), where('lease_until', '<', now.toISOString()), where('lease_owner', '=', owner)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(id: string, owner: string): Promise<void> {
    const db = this.db as unknown as Kysely<Record<'leased', LeaseColumns>>;
    await db
      .updateTable(this.table as unknown as 'leased')
      .set({ lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .execute();
  }
}
